import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Group justify="center" p="xl" role="status">
      <Loader aria-hidden="true" size="sm" />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}
