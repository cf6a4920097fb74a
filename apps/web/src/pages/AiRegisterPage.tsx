import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { SystemCard } from './ai/SystemCard';

/** « Registre de l’IA »: every AI feature of the facility; read-only except for the director. */
export function AiRegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  const me = useMe();
  const allowed = can.seeRegister(me.role);
  const systems = useQuery({ queryKey: keys.aiSystems, queryFn: endpoints.aiSystems, enabled: allowed });

  if (!allowed) return <Forbidden title={t('register.title')} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{t('register.title')}</Title>
          <Text mt="xs">{t('register.intro')}</Text>
        </div>
        {can.seeAiFigures(me.role) && (
          <Button component={Link} to="/ai/figures" variant="outline">
            {t('register.figuresLink')}
          </Button>
        )}
      </Group>
      {systems.isPending && <Loading />}
      {systems.isError && <ErrorMessage error={systems.error} />}
      {systems.data && systems.data.length === 0 && <Text>{t('register.empty')}</Text>}
      {systems.data?.map((s) => (
        <SystemCard key={s.id} system={s} />
      ))}
    </Stack>
  );
}
