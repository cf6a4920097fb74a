import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_CATEGORIES as CATEGORIES, LEADER_SKILLS as SKILLS, ROOM_TYPES } from '@presence/shared';
import { can, endpoints, isApiError, keys, mapIssues, type CatalogueEntry, type CatalogueWrite } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { joinList, splitList } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

const EMPTY: CatalogueWrite = {
  name: '',
  description: '',
  category: 'games',
  tags: [],
  goalDomains: [],
  requiredCapacities: {},
  contraindications: [],
  groupMin: 2,
  groupMax: 10,
  durationMinutes: 60,
  roomType: 'activity_room',
  leaderSkill: 'animation',
  materials: [],
  active: true,
};

/** The facility's activity catalogue: activity leaders add, edit and retire activities. */
export function CataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('catalogue.title'));
  const me = useMe();
  const allowed = can.editCatalogue(me.role);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CatalogueEntry | 'new' | null>(null);
  const list = useQuery({ queryKey: keys.catalogueAll, queryFn: () => endpoints.catalogueAll(), enabled: allowed });
  if (!allowed) return <Forbidden title={t('catalogue.title')} />;
  const needle = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (a) => !needle || a.name.toLowerCase().includes(needle) || t(`catalogue.categories.${a.category}`).toLowerCase().includes(needle),
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('catalogue.title')}</Title>
        <Text c="dimmed">{t('catalogue.intro')}</Text>
      </div>
      <Group align="end">
        <TextInput label={t('catalogue.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Button onClick={() => setEditing('new')}>{t('catalogue.new')}</Button>
      </Group>
      {editing && <ActivityForm key={editing === 'new' ? 'new' : editing.id} entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorMessage error={list.error} />
      ) : (
        <Table striped>
          <Table.Caption>{t('catalogue.count', { count: rows.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalogue.name')}</Table.Th>
              <Table.Th>{t('catalogue.category')}</Table.Th>
              <Table.Th>{t('catalogue.duration')}</Table.Th>
              <Table.Th>{t('catalogue.group')}</Table.Th>
              <Table.Th>{t('catalogue.room')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('catalogue.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.name} {!a.active && <Badge color="gray">{t('catalogue.retired')}</Badge>}
                </Table.Td>
                <Table.Td>{t(`catalogue.categories.${a.category}`)}</Table.Td>
                <Table.Td>{a.durationMinutes} min</Table.Td>
                <Table.Td>
                  {a.groupMin}–{a.groupMax}
                </Table.Td>
                <Table.Td>{t(`catalogue.roomTypes.${a.roomType}`)}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(a)} aria-label={t('catalogue.editOne', { name: a.name })}>
                    {t('catalogue.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function ActivityForm({ entry, onDone }: { entry: CatalogueEntry | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CatalogueWrite>(() => {
    if (!entry) return EMPTY;
    const { id: _id, key: _key, ...rest } = entry;
    return rest;
  });
  const save = useMutation({
    mutationFn: () => (entry ? endpoints.updateActivity(entry.id, form) : endpoints.createActivity(form)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.catalogueAll });
      onDone();
    },
  });
  const errors: Partial<Record<string, string>> =
    isApiError(save.error) && save.error.issues ? mapIssues(save.error.issues, (f) => f in EMPTY).fieldErrors : {};
  const set = <K extends keyof CatalogueWrite>(k: K, v: CatalogueWrite[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => (e.preventDefault(), save.mutate())}
      aria-label={entry ? t('catalogue.editOne', { name: entry.name }) : t('catalogue.new')}
    >
      <Stack gap="sm">
        <Title order={2} size="h3">
          {entry ? t('catalogue.editOne', { name: entry.name }) : t('catalogue.new')}
        </Title>
        <TextInput label={t('catalogue.name')} required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
        <Textarea
          label={t('catalogue.description')}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('catalogue.category')}
            value={form.category}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`catalogue.categories.${c}`) }))}
            onChange={(e) => set('category', e.currentTarget.value as CatalogueWrite['category'])}
          />
          <NativeSelect
            label={t('catalogue.room')}
            value={form.roomType}
            data={ROOM_TYPES.map((c) => ({ value: c, label: t(`catalogue.roomTypes.${c}`) }))}
            onChange={(e) => set('roomType', e.currentTarget.value as CatalogueWrite['roomType'])}
          />
          <NativeSelect
            label={t('catalogue.skill')}
            value={form.leaderSkill}
            data={SKILLS.map((c) => ({ value: c, label: t(`catalogue.skills.${c}`) }))}
            onChange={(e) => set('leaderSkill', e.currentTarget.value as CatalogueWrite['leaderSkill'])}
          />
          <NumberInput
            label={t('catalogue.durationMinutes')}
            min={5}
            max={600}
            value={form.durationMinutes}
            onChange={(v) => set('durationMinutes', Number(v))}
            error={errors.durationMinutes}
          />
          <NumberInput
            label={t('catalogue.groupMin')}
            min={1}
            max={100}
            value={form.groupMin}
            onChange={(v) => set('groupMin', Number(v))}
            error={errors.groupMin}
          />
          <NumberInput
            label={t('catalogue.groupMax')}
            min={1}
            max={200}
            value={form.groupMax}
            onChange={(v) => set('groupMax', Number(v))}
            error={errors.groupMax}
          />
        </SimpleGrid>
        <TextInput
          label={t('catalogue.materials')}
          description={t('catalogue.listHelp')}
          value={joinList(form.materials)}
          onChange={(e) => set('materials', splitList(e.currentTarget.value))}
          error={errors.materials}
        />
        <TextInput
          label={t('catalogue.contraindications')}
          description={t('catalogue.listHelp')}
          value={joinList(form.contraindications)}
          onChange={(e) => set('contraindications', splitList(e.currentTarget.value))}
          error={errors.contraindications}
        />
        <TextInput
          label={t('catalogue.tags')}
          description={t('catalogue.listHelp')}
          value={joinList(form.tags)}
          onChange={(e) => set('tags', splitList(e.currentTarget.value))}
          error={errors.tags}
        />
        <Checkbox label={t('catalogue.active')} checked={form.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        {save.error && !Object.keys(errors).length && <ErrorMessage error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('catalogue.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('catalogue.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
