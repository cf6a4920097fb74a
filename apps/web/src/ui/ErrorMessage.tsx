import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';

/** A readable message for an error from a query or a mutation. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error)) return t('errors.generic');
    switch (error.code) {
      case 'network':
        return t('errors.network');
      case 'not_found':
        return t('errors.notFound');
      case 'forbidden':
        return t('errors.forbidden');
      case 'conflict':
        return t('errors.conflict');
      case 'ai_feature_disabled':
        return t('errors.aiDisabled');
      case 'person_objected':
        return t('errors.personObjected');
      case 'validation_failed':
        return t('errors.validation');
      case 'invalid_credentials':
        return t('login.invalidCredentials');
      case 'too_many_attempts':
        return t('login.tooManyAttempts');
      default:
        return t('errors.generic');
    }
  };
}

/** An error as an alert; `title` replaces the generic text, `serverMessage` adds the server's own words (who disabled a feature and why…). */
export function ErrorMessage({ error, extra, title, serverMessage }: { error: unknown; extra?: readonly string[]; title?: string; serverMessage?: boolean }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert color="red" variant="light" role="alert" my="md">
      <Text fw={700}>{title ?? text(error)}</Text>
      {serverMessage && isApiError(error) && error.code !== 'network' && <Text>{t('errors.serverSays', { message: error.message })}</Text>}
      {extra && extra.length > 0 && (
        <ul>
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {requestId && <Text size="sm">{t('errors.reference', { requestId })}</Text>}
    </Alert>
  );
}
