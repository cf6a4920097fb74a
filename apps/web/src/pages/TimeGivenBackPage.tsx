import { Button, Card, Group, NativeSelect, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ENTRY_KINDS, type Team } from '@presence/shared';
import { can, endpoints, fieldErrorOf, timeEndpoints, type TimeSummary } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { addDaysIso, formatDate, formatDateTime, nowForInput, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { PeriodForm } from '../ui/PeriodForm';

const hours = (minutes: number, locale: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60)} h`;

/** Time given back: what each professional records of their time with people, and the team's weekly figures. */
export function TimeGivenBackPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('timeBack.title'));
  return (
    <Stack gap="md">
      <Title order={1}>{t('timeBack.title')}</Title>
      <Text>{t('timeBack.intro')}</Text>
      {can.recordContactTime(me.role) && <MyTime />}
      {can.seeUsageReport(me.role) && <TeamFigures />}
      {can.seeUsageReport(me.role) && <UsageReport />}
    </Stack>
  );
}

function MyTime() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['time', 'mine'], queryFn: timeEndpoints.myContacts });
  const people = useQuery({ queryKey: ['people', 'time'], queryFn: () => endpoints.people({ limit: 500 }) });
  const [v, setV] = useState({ kind: 'individual_moment', personId: null as string | null, at: nowForInput(), minutes: 20, note: '' });
  const save = useMutation({
    mutationFn: () => timeEndpoints.addContact({ ...v, at: new Date(v.at).toISOString() }),
    onSuccess: () => {
      setV({ ...v, personId: null, note: '' });
      void qc.invalidateQueries({ queryKey: ['time'] });
    },
  });
  const err = (f: string) => fieldErrorOf(save.error, f);
  return (
    <Card withBorder component="section" aria-labelledby="my-time">
      <Stack gap="sm">
        <Title order={2} size="h3" id="my-time">
          {t('timeBack.mine')}
        </Title>
        <Text size="sm">{t('timeBack.mineHelp')}</Text>
        <form onSubmit={(e) => (e.preventDefault(), save.mutate())}>
          <Stack gap="sm">
            <Group wrap="wrap" align="flex-start">
              <NativeSelect
                label={t('timeBack.kind')}
                value={v.kind}
                data={CONTACT_ENTRY_KINDS.map((k) => ({ value: k, label: t(`timeBack.kinds.${k}`) }))}
                onChange={(e) => setV({ ...v, kind: e.currentTarget.value })}
              />
              <Select
                label={t('timeBack.person')}
                placeholder={t('timeBack.personNone')}
                data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName}` }))}
                value={v.personId}
                onChange={(x) => setV({ ...v, personId: x })}
                searchable
                clearable
                error={err('personId')}
              />
              <TextInput
                type="datetime-local"
                label={t('timeBack.at')}
                value={v.at}
                onChange={(e) => setV({ ...v, at: e.currentTarget.value })}
                error={err('at')}
              />
              <NumberInput
                label={t('timeBack.minutes')}
                value={v.minutes}
                onChange={(x) => setV({ ...v, minutes: Number(x) || 0 })}
                min={1}
                max={480}
                w={140}
                error={err('minutes')}
              />
            </Group>
            <Textarea label={t('timeBack.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} maxLength={500} autosize />
            {save.isSuccess && <Notice tone="success" role="status" title={t('timeBack.saved')} />}
            {save.isError && !err('at') && !err('minutes') && !err('personId') && <ErrorMessage error={save.error} />}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              {t('timeBack.record')}
            </Button>
          </Stack>
        </form>
        {mine.data && mine.data.length > 0 && (
          <ul className="plain-list">
            {mine.data.slice(0, 10).map((c) => (
              <li key={c.id}>
                {formatDateTime(c.at)} — {t(`timeBack.kinds.${c.kind}`)}, {c.minutes} min{c.personName ? ` — ${c.personName}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Card>
  );
}

function TeamFigures() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState({ from: addDaysIso(todayIso(), -56), to: todayIso() });
  const q = useQuery({ queryKey: ['time', 'summary', query], queryFn: () => timeEndpoints.summary(query.from, query.to) });
  return (
    <Card withBorder component="section" aria-labelledby="team-time">
      <Stack gap="sm">
        <Title order={2} size="h3" id="team-time">
          {t('timeBack.team')}
        </Title>
        <PeriodForm initial={query} onShow={setQuery} />
        {q.isPending && <Loading />}
        {q.isError && <ErrorMessage error={q.error} />}
        {q.data && <Summary s={q.data} locale={i18n.language} />}
      </Stack>
    </Card>
  );
}

function Summary({ s, locale }: { s: TimeSummary; locale: string }) {
  const { t } = useTranslation();
  const teams = [...new Set(s.weeks.flatMap((w) => w.teams.map((x) => x.team as Team)))];
  const num = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x));
  return (
    <Stack gap="sm">
      <Text fw={600}>
        {t('timeBack.totals', {
          contact: hours(s.totals.contactMinutes, locale),
          admin: hours(s.totals.adminMinutes, locale),
          saved: hours(s.totals.estimatedSavedMinutes, locale),
        })}
      </Text>
      <Text size="sm">{t('timeBack.estimateHelp', { min: s.minTimings })}</Text>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('timeBack.tasksCaption')}>
        <Table striped withTableBorder>
          <caption>{t('timeBack.tasksCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('timeBack.task')}</Table.Th>
              <Table.Th scope="col">{t('timeBack.assisted')}</Table.Th>
              <Table.Th scope="col">{t('timeBack.unassisted')}</Table.Th>
              <Table.Th scope="col">{t('timeBack.savedPerPiece')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.tasks.map((x) => (
              <Table.Tr key={x.task}>
                <Table.Th scope="row">{t(`timeBack.tasks.${x.task}`)}</Table.Th>
                <Table.Td>{x.assisted.n ? t('timeBack.median', { minutes: num(x.assisted.medianMinutes), n: x.assisted.n }) : '—'}</Table.Td>
                <Table.Td>{x.unassisted.n ? t('timeBack.median', { minutes: num(x.unassisted.medianMinutes), n: x.unassisted.n }) : '—'}</Table.Td>
                <Table.Td>{x.savedPerPiece === null ? t('timeBack.notEstimated') : `${num(x.savedPerPiece)} min`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('timeBack.weeksCaption')}>
        <Table striped withTableBorder>
          <caption>{t('timeBack.weeksCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('timeBack.week')}</Table.Th>
              {teams.map((x) => (
                <Table.Th scope="col" key={x}>
                  {t(`timeBack.teams.${x}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.weeks.map((w) => (
              <Table.Tr key={w.week}>
                <Table.Th scope="row">{formatDate(w.week)}</Table.Th>
                {teams.map((x) => {
                  const c = w.teams.find((y) => y.team === x);
                  return (
                    <Table.Td key={x}>
                      {c
                        ? t('timeBack.cell', {
                            contact: hours(c.contactMinutes, locale),
                            admin: hours(c.adminMinutes, locale),
                            saved: hours(c.estimatedSavedMinutes, locale),
                          })
                        : '—'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

/** The usage report (bilan d'utilisation) for a period: key figures, PDF and CSV. */
function UsageReport() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState({ from: `${todayIso().slice(0, 4)}-01-01`, to: todayIso() });
  const q = useQuery({ queryKey: ['usage-report', query], queryFn: () => timeEndpoints.report(query.from, query.to) });
  return (
    <Card withBorder component="section" aria-labelledby="usage-report">
      <Stack gap="sm">
        <Title order={2} size="h3" id="usage-report">
          {t('usage.title')}
        </Title>
        <Text size="sm">{t('usage.intro')}</Text>
        <PeriodForm initial={query} onShow={setQuery} />
        {q.isPending && <Loading />}
        {q.isError && <ErrorMessage error={q.error} />}
        {q.data && (
          <>
            <ul className="plain-list">
              <li>
                {t('usage.proposals', {
                  count: q.data.features.reduce((s, f) => s + f.proposals, 0),
                  decided: q.data.features.reduce((s, f) => s + f.decided, 0),
                })}
              </li>
              <li>
                {t('usage.contact', {
                  hours: hours(q.data.time.totals.contactMinutes, i18n.language),
                  saved: hours(q.data.time.totals.estimatedSavedMinutes, i18n.language),
                })}
              </li>
              <li>{t('usage.surveys', { count: q.data.surveys.reduce((s, c) => s + c.responses, 0), campaigns: q.data.surveys.length })}</li>
              <li>{t('usage.complaints', { count: q.data.complaints.all.total, ai: q.data.complaints.aiRelated.total })}</li>
              <li>
                {t('usage.panel', {
                  count: q.data.panel.sessions.length,
                  problems: q.data.panel.sessions.reduce((s, x) => s + x.problems, 0),
                  actions: q.data.panel.actions.length,
                })}
              </li>
              <li>{t('usage.equity', { count: q.data.equity.flags.length })}</li>
            </ul>
            <Group>
              <Button component="a" href={timeEndpoints.reportPdfUrl(query.from, query.to)}>
                {t('usage.pdf')}
              </Button>
              <Button component="a" href={timeEndpoints.reportCsvUrl(query.from, query.to)} variant="outline">
                {t('usage.csv')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
