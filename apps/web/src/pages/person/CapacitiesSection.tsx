import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CAPACITY_DOMAINS, CAPACITY_LEVELS, capacityInputSchema, type Capacity, type CapacityInput, type PersonDetail } from '@presence/shared';
import { endpoints } from '../../api';
import { FormFailure, failFromSchema, failFromServer, knownFields, type Failure } from '../../ui/FormFailure';
import { formatDate, orNull, todayIso } from '../../ui/format';
import { SavedNotice } from './SavedNotice';
import { usePersonWrite } from './usePersonWrite';

type Domain = (typeof CAPACITY_DOMAINS)[number];
const LEVEL_KEYS = ['capacityLevels.level0', 'capacityLevels.level1', 'capacityLevels.level2', 'capacityLevels.level3'] as const;

/** A level 0–3 in words ("aucune difficulté" … "sévère"). */
export function levelLabel(t: TFunction, level: number): string {
  const key = LEVEL_KEYS[level];
  return key ? t(key) : String(level);
}

/** The most recent assessment of each domain (by date, then by list order, newest first). */
function latestByDomain(capacities: readonly Capacity[]): Map<Domain, Capacity> {
  const latest = new Map<Domain, Capacity>();
  for (const c of capacities) {
    const seen = latest.get(c.domain);
    if (!seen || c.assessedOn > seen.assessedOn) latest.set(c.domain, c);
  }
  return latest;
}

interface Values {
  domain: string;
  level: string;
  assessedOn: string;
  note: string;
}
const isKnown = knownFields('domain', 'level', 'assessedOn', 'note');

function CapacityForm({ person, onDone }: { person: PersonDetail; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<Values>({ initialValues: { domain: '', level: '', assessedOn: todayIso(), note: '' } });
  const save = usePersonWrite(person.id, (input: CapacityInput) => endpoints.addCapacity(person.id, input), {
    onSuccess: () => onDone(true),
    onError: (err) => setFailure(failFromServer(form, err, isKnown)),
  });
  const submit = (v: Values) => {
    setFailure(null);
    const input = { domain: v.domain, level: v.level === '' ? NaN : Number(v.level), assessedOn: v.assessedOn, note: orNull(v.note) };
    const parsed = capacityInputSchema.safeParse(input);
    if (!parsed.success) return setFailure(failFromSchema(form, parsed.error, isKnown));
    save.mutate(input as CapacityInput);
  };
  const choose = { value: '', label: t('personForm.choose'), disabled: true };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-labelledby="capacity-form-title">
      <Stack gap="md" mt="md">
        <Title order={3} id="capacity-form-title">
          {t('capacities.addTitle')}
        </Title>
        <Text>{t('common.requiredNote')}</Text>
        <FormFailure failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('capacities.domain')}
            required
            data={[choose, ...CAPACITY_DOMAINS.map((d) => ({ value: d, label: t(`capacityDomains.${d}`) }))]}
            {...form.getInputProps('domain')}
          />
          <NativeSelect
            label={t('capacities.level')}
            required
            data={[choose, ...CAPACITY_LEVELS.map((l) => ({ value: String(l), label: `${l} — ${levelLabel(t, l)}` }))]}
            {...form.getInputProps('level')}
          />
          <TextInput label={t('capacities.assessedOn')} type="date" required max={todayIso()} {...form.getInputProps('assessedOn')} />
        </SimpleGrid>
        <Textarea label={`${t('capacities.note')} (${t('common.optional')})`} minRows={2} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('capacities.submit')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HistoryTable({ capacities }: { capacities: Capacity[] }) {
  const { t } = useTranslation();
  const sorted = [...capacities].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder striped>
        <VisuallyHidden component="caption">{t('capacities.history')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('capacities.assessedOn')}</Table.Th>
            <Table.Th scope="col">{t('capacities.domain')}</Table.Th>
            <Table.Th scope="col">{t('capacities.level')}</Table.Th>
            <Table.Th scope="col">{t('capacities.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{formatDate(c.assessedOn)}</Table.Td>
              <Table.Td>{t(`capacityDomains.${c.domain}`)}</Table.Td>
              <Table.Td>{levelLabel(t, c.level)}</Table.Td>
              <Table.Td>{c.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CapacitiesSection({ person, canAdd }: { person: PersonDetail; canAdd: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const latest = latestByDomain(person.capacities);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={2} id="capacities-title">
          {t('person.capacities')}
        </Title>
        {canAdd && !adding && (
          <Button
            variant="outline"
            onClick={() => {
              setSaved(null);
              setAdding(true);
            }}
          >
            {t('capacities.add')}
          </Button>
        )}
      </Group>
      <SavedNotice message={saved} />
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder captionSide="top">
          <Table.Caption style={{ textAlign: 'left', fontWeight: 700, color: 'inherit' }}>{t('capacities.latest')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('capacities.domain')}</Table.Th>
              <Table.Th scope="col">{t('capacities.level')}</Table.Th>
              <Table.Th scope="col">{t('capacities.assessedOn')}</Table.Th>
              <Table.Th scope="col">{t('capacities.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {CAPACITY_DOMAINS.map((d) => {
              const c = latest.get(d);
              return (
                <Table.Tr key={d}>
                  <Table.Th scope="row">{t(`capacityDomains.${d}`)}</Table.Th>
                  <Table.Td>{c ? levelLabel(t, c.level) : t('capacities.notAssessed')}</Table.Td>
                  <Table.Td>{c ? formatDate(c.assessedOn) : ''}</Table.Td>
                  <Table.Td>{c?.note ?? ''}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {adding && (
        <CapacityForm
          person={person}
          onDone={(ok) => {
            setAdding(false);
            if (ok) setSaved(t('common.saved'));
          }}
        />
      )}
      {person.capacities.length > latest.size && (
        <Stack gap="xs" mt="lg">
          <Title order={3}>{t('capacities.history')}</Title>
          <HistoryTable capacities={person.capacities} />
        </Stack>
      )}
      {person.capacities.length === 0 && <Text mt="sm">{t('capacities.empty')}</Text>}
    </Paper>
  );
}
