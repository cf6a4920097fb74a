import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A page the signed-in role may not use: its title and why (the server would refuse anyway). */
export function Forbidden({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Alert color="red" variant="light" role="alert">
        {t('errors.forbidden')}
      </Alert>
    </Stack>
  );
}
