import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ROSTER_QUALIFICATIONS } from '@presence/shared';
import { can, endpoints, isApiError, keys, mapIssues, type CareRules, type CoverageItem, type RosterSetup, type RosterStaffSetup } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { mondayFirstKey } from './planning/days';

const RULE_FIELDS = [
  'minRestHours',
  'maxDayHours',
  'maxWeekHours',
  'maxConsecutiveDays',
  'minConsecutiveDaysOff',
  'weekendsOffPer4Weeks',
  'hoursTolerance',
] as const;

/** What the roster solver works with: shift patterns, cover per weekday, working-time rules, and each staff member's contract. */
export function RosterSetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('rosterSetup.title'));
  const me = useMe();
  const allowed = can.manageRosters(me.role);
  const setup = useQuery({ queryKey: keys.rosterSetup, queryFn: endpoints.rosterSetup, enabled: allowed });
  if (!allowed) return <Forbidden title={t('rosterSetup.title')} />;
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/rosters">
          {t('rosterSetup.back')}
        </Anchor>
        <Title order={1}>{t('rosterSetup.title')}</Title>
      </div>
      {setup.isPending ? <Loading /> : setup.error ? <ErrorMessage error={setup.error} /> : <SetupForms setup={setup.data} />}
    </Stack>
  );
}

function SetupForms({ setup }: { setup: RosterSetup }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rules, setRules] = useState<CareRules>(setup.rules);
  const [coverage, setCoverage] = useState<CoverageItem[]>(setup.coverage);
  const save = useMutation({
    mutationFn: () => endpoints.saveRosterSetup({ shifts: setup.shifts, coverage, rules }),
    onSuccess: (data) => queryClient.setQueryData(keys.rosterSetup, data),
  });
  const errors: Partial<Record<string, string>> =
    isApiError(save.error) && save.error.issues ? mapIssues(save.error.issues, (f) => RULE_FIELDS.some((r) => `rules.${r}` === f)).fieldErrors : {};
  // Cover lines grouped as rows (shift × qualifications) with one number per weekday.
  const rows = [...new Map(coverage.map((c) => [`${c.shift}|${c.qualifications.join(',')}`, c])).values()];
  const valueOf = (row: CoverageItem, weekday: number) =>
    coverage.find((c) => c.weekday === weekday && c.shift === row.shift && c.qualifications.join(',') === row.qualifications.join(','))?.requirement ?? 0;
  const setValue = (row: CoverageItem, weekday: number, requirement: number) =>
    setCoverage((cs) => {
      const same = (c: CoverageItem) => c.weekday === weekday && c.shift === row.shift && c.qualifications.join(',') === row.qualifications.join(',');
      return cs.some(same) ? cs.map((c) => (same(c) ? { ...c, requirement } : c)) : [...cs, { ...row, weekday, requirement }];
    });
  const shiftName = (code: string) => setup.shifts.find((s) => s.code === code)?.label ?? code;

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={2} size="h3">
          {t('rosterSetup.shiftsTitle')}
        </Title>
        <Table fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              {(['code', 'label', 'start', 'end', 'night'] as const).map((k) => (
                <Table.Th key={k} scope="col">
                  {t(`rosterSetup.shift.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {setup.shifts.map((s) => (
              <Table.Tr key={s.code}>
                <Table.Td>{s.code}</Table.Td>
                <Table.Td>{s.label}</Table.Td>
                <Table.Td>{s.start}</Table.Td>
                <Table.Td>{s.end}</Table.Td>
                <Table.Td>{s.night ? '✓' : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Paper withBorder p="md">
            <Title order={2} size="h3">
              {t('rosterSetup.rulesTitle')}
            </Title>
            <Group align="end" wrap="wrap">
              {RULE_FIELDS.map((f) => (
                <NumberInput
                  key={f}
                  w={220}
                  label={t(`rosterSetup.rulesField.${f}`)}
                  value={rules[f]}
                  onChange={(v) => setRules({ ...rules, [f]: typeof v === 'number' ? v : Number(v) })}
                  error={errors[`rules.${f}`]}
                  step={f === 'hoursTolerance' ? 0.5 : 1}
                />
              ))}
            </Group>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3">
              {t('rosterSetup.coverageTitle')}
            </Title>
            <Table fz="sm" withTableBorder captionSide="top">
              <Table.Caption>{t('rosterSetup.coverageCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('rosterSetup.shift.label')}</Table.Th>
                  <Table.Th scope="col">{t('rosterSetup.qualificationsOf')}</Table.Th>
                  {Array.from({ length: 7 }, (_, d) => (
                    <Table.Th key={d} scope="col">
                      {t(mondayFirstKey(d))}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={`${row.shift}|${row.qualifications.join(',')}`}>
                    <Table.Th scope="row">{shiftName(row.shift)}</Table.Th>
                    <Table.Td>{row.qualifications.join(', ') || '—'}</Table.Td>
                    {Array.from({ length: 7 }, (_, d) => (
                      <Table.Td key={d}>
                        <NumberInput
                          w={64}
                          min={0}
                          max={100}
                          aria-label={`${shiftName(row.shift)} · ${row.qualifications.join(', ')} · ${t(mondayFirstKey(d))}`}
                          value={valueOf(row, d)}
                          onChange={(v) => setValue(row, d, typeof v === 'number' ? v : Number(v) || 0)}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          {save.error && !Object.keys(errors).length && <ErrorMessage error={save.error} />}
          {save.isSuccess && <Alert color="green">{t('rosterSetup.saved')}</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('rosterSetup.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Paper withBorder p="md">
        <Title order={2} size="h3">
          {t('rosterSetup.contractsTitle')}
        </Title>
        <Stack gap="xs">
          {setup.staff.map((s) => (
            <ContractRow key={s.id} staff={s} />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

function ContractRow({ staff }: { staff: RosterStaffSetup }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = staff.contract ?? { weeklyHours: 35, qualifications: [], nightStaff: false, active: false };
  const [c, setC] = useState(initial);
  const save = useMutation({
    mutationFn: () => endpoints.saveContract(staff.id, { ...c, qualifications: c.qualifications as (typeof ROSTER_QUALIFICATIONS)[number][] }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.rosterSetup }),
  });
  const errors: Partial<Record<string, string>> =
    isApiError(save.error) && save.error.issues ? mapIssues(save.error.issues, (f) => ['weeklyHours', 'qualifications'].includes(f)).fieldErrors : {};
  return (
    <Group align="end" wrap="wrap" gap="sm" className="contract-row">
      <Text w={200} fw={600}>
        {staff.name}
      </Text>
      <NumberInput
        w={120}
        label={t('rosterSetup.contract.hours')}
        value={c.weeklyHours}
        onChange={(v) => setC({ ...c, weeklyHours: Number(v) })}
        error={errors.weeklyHours}
      />
      <Checkbox.Group label={t('rosterSetup.contract.qualifications')} value={c.qualifications} onChange={(v) => setC({ ...c, qualifications: v })}>
        <Group gap="xs">
          {ROSTER_QUALIFICATIONS.map((q) => (
            <Checkbox key={q} value={q} label={q} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox label={t('rosterSetup.contract.night')} checked={c.nightStaff} onChange={(e) => setC({ ...c, nightStaff: e.currentTarget.checked })} />
      <Checkbox label={t('rosterSetup.contract.active')} checked={c.active} onChange={(e) => setC({ ...c, active: e.currentTarget.checked })} />
      <Button
        size="xs"
        variant="default"
        onClick={() => save.mutate()}
        loading={save.isPending}
        aria-label={`${t('rosterSetup.contract.save')} — ${staff.name}`}
      >
        {t('rosterSetup.contract.save')}
      </Button>
      {save.isSuccess && (
        <Text size="sm" c="green.9" role="status">
          {t('rosterSetup.contractSaved', { name: staff.name })}
        </Text>
      )}
    </Group>
  );
}
