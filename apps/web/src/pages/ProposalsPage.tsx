import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PROPOSAL_STATUSES, type ProposalStatus as Status } from '@presence/shared';
import { can, endpoints, keys, type ProposalParams } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { ProposalStatus } from '../ui/ProposalStatus';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

const PAGE_SIZE = 25;
const ALL = 'all';
const PEOPLE_QUERY = { limit: 500, offset: 0, sort: 'lastName' as const, order: 'asc' as const };

/** The inbox of AI proposals: filters in the URL, pending first by default. */
export function ProposalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('proposals.title'));
  const me = useMe();
  const allowed = can.seeProposals(me.role);
  const [params, setParams] = useSearchParams();

  const rawStatus = params.get('status');
  const status: Status | undefined = rawStatus === ALL ? undefined : (PROPOSAL_STATUSES.find((s) => s === rawStatus) ?? 'pending');
  const systemId = params.get('systemId') ?? '';
  const personId = params.get('personId') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const update = (changes: Record<string, string | undefined>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes))
          if (v) next.set(k, v);
          else next.delete(k);
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  const query: ProposalParams = {
    ...(status ? { status } : {}),
    ...(systemId ? { systemId } : {}),
    ...(personId ? { personId } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const proposals = useQuery({
    queryKey: keys.proposals(query),
    queryFn: () => endpoints.proposals(query),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const systems = useQuery({ queryKey: keys.aiSystems, queryFn: endpoints.aiSystems, enabled: allowed });
  const people = useQuery({ queryKey: keys.people(PEOPLE_QUERY), queryFn: () => endpoints.people(PEOPLE_QUERY), enabled: allowed, staleTime: 300_000 });

  if (!allowed) return <Forbidden title={t('proposals.title')} />;

  const total = proposals.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('proposals.title')}</Title>
        <Text mt="xs">{t('proposals.intro')}</Text>
      </div>

      <Paper withBorder p="md" component="section" aria-labelledby="proposal-filters-title">
        <Title order={2} size="h4" id="proposal-filters-title" mb="sm">
          {t('proposals.filters')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('proposals.status')}
            value={rawStatus === ALL ? ALL : (status ?? 'pending')}
            onChange={(e) => update({ status: e.currentTarget.value === 'pending' ? undefined : e.currentTarget.value })}
            data={[...PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`proposalStatuses.${s}`) })), { value: ALL, label: t('proposals.allStatuses') }]}
          />
          <NativeSelect
            label={t('proposals.feature')}
            value={systemId}
            onChange={(e) => update({ systemId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('proposals.allFeatures') }, ...(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          />
          <NativeSelect
            label={t('proposals.person')}
            value={personId}
            onChange={(e) => update({ personId: e.currentTarget.value || undefined })}
            data={[
              { value: '', label: t('proposals.allPeople') },
              ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName.toUpperCase()} ${p.firstName}${p.room ? ` (${p.room})` : ''}` })),
            ]}
          />
        </SimpleGrid>
      </Paper>

      <Text role="status" fw={700}>
        {proposals.data ? t('proposals.count', { count: total }) : ''}
      </Text>
      {proposals.isPending && <Loading />}
      {proposals.isError && <ErrorMessage error={proposals.error} />}
      {proposals.data && proposals.data.items.length === 0 && <Text>{t('proposals.empty')}</Text>}
      {proposals.data && proposals.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs">
            <VisuallyHidden component="caption">{t('proposals.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('proposals.columns.date')}</Table.Th>
                <Table.Th scope="col">{t('proposals.columns.feature')}</Table.Th>
                <Table.Th scope="col">{t('proposals.columns.person')}</Table.Th>
                <Table.Th scope="col">{t('proposals.columns.title')}</Table.Th>
                <Table.Th scope="col">{t('proposals.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposals.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                  <Table.Td>{p.systemName}</Table.Td>
                  <Table.Td>
                    {p.personId ? (
                      <Link className="inline-link" to={`/people/${p.personId}`}>
                        {p.personName ?? p.personId}
                      </Link>
                    ) : (
                      t('proposals.noPerson')
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Link className="inline-link" to={`/proposals/${p.id}`}>
                      {p.title}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <ProposalStatus status={p.status} />
                      {p.canDecide && (
                        <Badge color="blue.9" size="lg">
                          {t('proposals.toDecide')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {total > PAGE_SIZE && (
        <nav aria-label={t('people.pagination')}>
          <Group justify="center" gap="md">
            <Button variant="default" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
              {t('people.previous')}
            </Button>
            <Text>{t('people.pageOf', { page, pages })}</Text>
            <Button variant="default" disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
              {t('people.next')}
            </Button>
          </Group>
        </nav>
      )}
    </Stack>
  );
}
