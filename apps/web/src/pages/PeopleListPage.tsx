import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PEOPLE_SORT_FIELDS, PERSON_STATUSES } from '@presence/shared';
import { can, endpoints, keys, type PeopleParams } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { PeopleTable } from '../ui/PeopleTable';
import { usePageTitle } from '../ui/usePageTitle';

export const PAGE_SIZE = 25;
type SortField = (typeof PEOPLE_SORT_FIELDS)[number];
type Status = (typeof PERSON_STATUSES)[number];

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export function PeopleListPage() {
  const { t } = useTranslation();
  usePageTitle(t('people.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();

  const q = params.get('q') ?? '';
  const facilityId = params.get('facilityId') ?? '';
  const status = oneOf<Status>(PERSON_STATUSES, params.get('status'));
  const sort = oneOf<SortField>(PEOPLE_SORT_FIELDS, params.get('sort')) ?? 'lastName';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  /** Updates the URL (so the list survives "back"); any filter change returns to page 1. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes))
          if (v) next.set(k, v);
          else next.delete(k);
        if (!keepPage && !('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 350);
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() || undefined });
  }, [debounced]);

  const query: PeopleParams = {
    ...(q ? { q } : {}),
    ...(facilityId ? { facilityId } : {}),
    ...(status ? { status } : {}),
    sort,
    order,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const people = useQuery({ queryKey: keys.people(query), queryFn: () => endpoints.people(query), placeholderData: keepPreviousData });
  const facilities = useQuery({ queryKey: keys.facilities, queryFn: endpoints.facilities, staleTime: 300_000 });

  const total = people.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('people.title')}</Title>
        {can.createPerson(me.role) && <Button onClick={() => void navigate('/people/new')}>{t('people.newPerson')}</Button>}
      </Group>

      <Paper withBorder p="md" component="section" aria-labelledby="filters-title">
        <Title order={2} size="h4" id="filters-title" mb="sm">
          {t('people.filters')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput
            type="search"
            label={t('people.search')}
            description={t('people.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('people.facility')}
            value={facilityId}
            onChange={(e) => update({ facilityId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('people.allFacilities') }, ...(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))]}
          />
          <NativeSelect
            label={t('people.status')}
            value={status ?? ''}
            onChange={(e) => update({ status: e.currentTarget.value || undefined })}
            data={[{ value: '', label: t('people.allStatuses') }, ...PERSON_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
          />
          <NativeSelect
            label={t('people.sort')}
            value={sort}
            onChange={(e) => update({ sort: e.currentTarget.value })}
            data={PEOPLE_SORT_FIELDS.map((f) => ({ value: f, label: t(`people.sortFields.${f}`) }))}
          />
          <NativeSelect
            label={t('people.order')}
            value={order}
            onChange={(e) => update({ order: e.currentTarget.value })}
            data={[
              { value: 'asc', label: t('people.asc') },
              { value: 'desc', label: t('people.desc') },
            ]}
          />
        </SimpleGrid>
      </Paper>

      <Text role="status" fw={700}>
        {people.data ? t('people.count', { count: total }) : ''}
      </Text>
      {people.isPending && <Loading />}
      {people.isError && <ErrorMessage error={people.error} />}
      {people.data && people.data.items.length === 0 && <Text>{t('people.empty')}</Text>}
      {people.data && people.data.items.length > 0 && (
        <PeopleTable
          items={people.data.items}
          sort={sort}
          order={order}
          onSort={(field) => update({ sort: field, order: field === sort && order === 'asc' ? 'desc' : 'asc' })}
        />
      )}

      {total > PAGE_SIZE && (
        <nav aria-label={t('people.pagination')}>
          <Group justify="center" gap="md">
            <Button variant="default" disabled={page <= 1} onClick={() => update({ page: String(page - 1) }, true)}>
              {t('people.previous')}
            </Button>
            <Text>{t('people.pageOf', { page, pages })}</Text>
            <Button variant="default" disabled={page >= pages} onClick={() => update({ page: String(page + 1) }, true)}>
              {t('people.next')}
            </Button>
          </Group>
        </nav>
      )}
    </Stack>
  );
}
