import { Alert, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

/** Director only: who read or changed a person's record. */
export function AccessLogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const allowed = can.seeAccessLog(me.role);
  const person = useQuery({ queryKey: keys.person(id), queryFn: () => endpoints.person(id), enabled: allowed });
  const log = useQuery({ queryKey: keys.accessLog(id), queryFn: () => endpoints.accessLog(id), enabled: allowed, staleTime: 0 });
  const name = person.data ? `${person.data.firstName} ${person.data.lastName}` : '';
  const title = t('accessLog.title', { name });
  usePageTitle(title);

  if (!allowed) {
    return (
      <Stack>
        <Title order={1}>{t('home.accessLogCardTitle')}</Title>
        <Alert color="red" variant="light" role="alert">
          {t('errors.forbidden')}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{title}</Title>
        <Button component={Link} to={`/people/${id}`} variant="outline">
          {t('common.back')}
        </Button>
      </Group>
      <Text>{t('accessLog.intro')}</Text>
      {(log.isPending || person.isPending) && <Loading />}
      {person.isError && <ErrorMessage error={person.error} />}
      {log.isError && <ErrorMessage error={log.error} />}
      {log.data && log.data.length === 0 && <Text>{t('accessLog.empty')}</Text>}
      {log.data && log.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder striped>
            <VisuallyHidden component="caption">{t('accessLog.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessLog.at')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.name')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.role')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.action')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{e.actorName ?? t('accessLog.unknownActor')}</Table.Td>
                  <Table.Td>{e.actorRole ? t(`roles.${e.actorRole}`) : ''}</Table.Td>
                  <Table.Td>{tDynamic(`accessLog.actions.${e.action.replace(/\./g, '_')}`) ?? e.action}</Table.Td>
                  <Table.Td>{tDynamic(`accessLog.outcomes.${e.outcome}`) ?? e.outcome}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
