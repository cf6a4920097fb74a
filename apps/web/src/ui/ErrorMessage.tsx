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

export function ErrorMessage({ error, extra }: { error: unknown; extra?: readonly string[] }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert color="red" variant="light" role="alert" my="md">
      <Text fw={700}>{text(error)}</Text>
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
