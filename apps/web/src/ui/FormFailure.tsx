import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '@presence/shared';
import { isApiError, mapIssues, zodToFieldIssues } from '../api';
import { useErrorText } from './ErrorMessage';

/** Why a form was not saved: a client-side check (error null) or the server's answer, plus messages no field could show. */
export interface Failure {
  error: unknown;
  other: string[];
}

interface SettableForm {
  setErrors: (errors: Record<string, string>) => void;
}

/** Puts issues on the form's fields and returns the failure to show above the form. */
export function failWithIssues(form: SettableForm, error: unknown, issues: readonly FieldIssue[], isKnown: (field: string) => boolean): Failure {
  const { fieldErrors, other } = mapIssues(issues, isKnown);
  form.setErrors(fieldErrors);
  return { error, other };
}

/** For a mutation's onError: field issues from the server, if any. */
export function failFromServer(form: SettableForm, error: unknown, isKnown: (field: string) => boolean): Failure {
  return failWithIssues(form, error, isApiError(error) ? error.issues : [], isKnown);
}

/** For a failed client-side schema check (zod safeParse). */
export function failFromSchema(form: SettableForm, error: Parameters<typeof zodToFieldIssues>[0], isKnown: (field: string) => boolean): Failure {
  return failWithIssues(form, null, zodToFieldIssues(error), isKnown);
}

export const knownFields =
  (...fields: string[]) =>
  (f: string) =>
    fields.includes(f);

export function FormFailure({ failure }: { failure: Failure | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!failure) return null;
  // The request id helps support with unexpected errors; validation answers need none.
  const requestId = isApiError(failure.error) && failure.error.code !== 'validation_failed' ? failure.error.requestId : null;
  return (
    <Alert color="red" variant="light" role="alert">
      <Text fw={700}>{failure.error ? errorText(failure.error) : t('errors.validation')}</Text>
      {failure.other.length > 0 && (
        <ul>
          {failure.other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {requestId && <Text size="sm">{t('errors.reference', { requestId })}</Text>}
    </Alert>
  );
}
