import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { endpoints, keys, type RosterAssignments, type RosterEvaluation, type RosterRun } from '../../api';
import { tDynamic } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { addDaysIso, formatDate } from '../../ui/format';
import { shortDayKey } from '../planning/days';
import { useTaskTimer } from '../../ui/useTaskTimer';

/** Colour class of a shift: night shifts share one; day shifts take the palette in order. */
export function shiftClass(run: { shifts: { code: string; night: boolean }[] }, code: string | null): string {
  if (code === null) return 'shift-off';
  const i = run.shifts.findIndex((s) => s.code === code);
  if (i < 0) return 'shift-off';
  return run.shifts[i]!.night ? 'shift-night' : `shift-day-${i % 4}`;
}

/** The proposed roster as a grid (staff × days), editable cell by cell with live re-evaluation, and the decision. */
export function RosterEditor({ run }: { run: RosterRun }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const original = useMemo(() => run.proposal?.assignments ?? {}, [run]);
  const pending = run.proposal?.status === 'pending';
  const [draft, setDraft] = useState<RosterAssignments>(() => structuredClone(original));
  const [selected, setSelected] = useState<{ staff: string; day: number } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const changed = JSON.stringify(draft) !== JSON.stringify(original);
  const days = run.weeks * 7;
  const dates = useMemo(() => Array.from({ length: days }, (_, d) => addDaysIso(run.start, d)), [days, run.start]);
  const names = useMemo(() => new Map(run.staff.map((s) => [s.id, s.name])), [run.staff]);
  const shiftLabel = (code: string | null) => (code === null ? t('roster.off') : (run.shifts.find((s) => s.code === code)?.label ?? code));
  const evaluation = useQuery({
    queryKey: ['rosters', 'evaluate', run.id, JSON.stringify(draft)],
    queryFn: () => endpoints.evaluateRoster(run.id, draft),
    enabled: pending && changed,
    placeholderData: (prev: RosterEvaluation | undefined) => prev,
  });
  const ev: RosterEvaluation = changed && evaluation.data ? evaluation.data : run.evaluation;
  // from opening the proposal to publishing it: the time the assistant's proposal took to check and publish
  const timer = useTaskTimer('roster', { startOnMount: pending });
  const decide = useMutation({
    mutationFn: (decision: 'publish' | 'reject') =>
      endpoints.decide(
        run.proposal!.id,
        decision === 'reject'
          ? { decision: 'reject', reason: reason.trim() || t('roster.rejectReason') }
          : changed
            ? { decision: 'amend', reason: reason.trim(), content: { runId: run.id, assignments: draft } }
            : { decision: 'accept', ...(reason.trim() ? { reason: reason.trim() } : {}) },
      ),
    onSuccess: (_, decision) => {
      if (decision === 'publish') timer.finish(true, run.id);
      void queryClient.invalidateQueries({ queryKey: keys.rostersAll });
      void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
    },
  });

  // What to flag on the grid: broken rules by cell (or by person), unmet requests by cell, leave by cell.
  const flags = useMemo(() => {
    const cell = new Map<string, string[]>();
    const person = new Map<string, string[]>();
    const rule = (type: string) => tDynamic(`roster.rules.${type}`) ?? type;
    for (const v of ev.violations) {
      if (v.day !== undefined && v.day !== null) {
        const k = `${v.staff}:${v.day}`;
        cell.set(k, [...(cell.get(k) ?? []), rule(v.type)]);
      } else person.set(v.staff, [...(person.get(v.staff) ?? []), rule(v.type)]);
    }
    const unmet = new Set(ev.unmet.map((u) => `${u.staff}:${dates.indexOf(u.date)}`));
    const leave = new Set(run.staff.flatMap((s) => s.unavailable.map((d) => `${s.id}:${dates.indexOf(d)}`)));
    return { cell, person, unmet, leave };
  }, [ev, dates, run.staff]);

  const setCell = (staff: string, day: number, code: string | null) =>
    setDraft((d) => {
      const next = structuredClone(d);
      next[staff] = [...(next[staff] ?? Array<string | null>(days).fill(null))];
      next[staff][day] = code;
      return next;
    });

  const onPublish = () => {
    if (changed && reason.trim().length === 0) {
      setReasonError(t('roster.reasonRequired'));
      return;
    }
    setReasonError(null);
    decide.mutate('publish');
  };
  const requests = ev.fairness.reduce((s, f) => s + f.requests, 0);
  const granted = ev.fairness.reduce((s, f) => s + f.requestsGranted, 0);
  const blocking = ev.violations.filter((v) => v.legal);
  const fairness = new Map(ev.fairness.map((f) => [f.staff, f]));
  const h = (m: number) => (m / 60).toFixed(1).replace('.0', '');
  const range = (xs: number[]) => (xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 0]);
  const [wMin, wMax] = range(run.staff.filter((x) => !x.nightStaff).map((x) => fairness.get(x.id)?.weekendsWorked ?? 0));
  const [nMin, nMax] = range(run.staff.filter((x) => x.nightStaff).map((x) => fairness.get(x.id)?.nights ?? 0));
  const warnings = ev.violations.filter((v) => !v.legal);
  const dayLabel = (d: number) => `${t(shortDayKey(dates[d]!))} ${formatDate(dates[d]).slice(0, 5)}`;
  const violationText = (v: RosterEvaluation['violations'][number]) =>
    t('roster.violation', {
      name: names.get(v.staff) ?? v.staff,
      date: v.date ? ` (${formatDate(v.date)})` : '',
      rule: tDynamic(`roster.rules.${v.type}`) ?? v.type,
    });

  return (
    <Stack gap="md">
      <Paper withBorder p="md" className="ai-proposal-box">
        <Group justify="space-between" align="start">
          <div>
            <Text fw={600}>
              <span className="ai-label-badge">{t('aiLabel.badge')}</span> {t('roster.proposalHeading')}
            </Text>
            <Text size="sm">
              {t('roster.summary', { staff: run.staff.length, objective: ev.objective, shortfalls: ev.shortfalls.length, granted, requests })}
            </Text>
          </div>
          {run.proposal && (
            <Anchor component={Link} to={`/proposals/${run.proposal.id}`}>
              {t('roster.openProposal')}
            </Anchor>
          )}
        </Group>
        {!pending && run.proposal && (
          <Alert mt="sm" color={run.proposal.status === 'rejected' ? 'yellow' : 'green'}>
            {tDynamic(`roster.status.${run.proposal.status}`) ?? run.proposal.status}
          </Alert>
        )}
      </Paper>

      <Group gap="xs" aria-label={t('roster.legend')} role="group">
        {run.shifts.map((s) => (
          <span key={s.code} className={`roster-legend ${shiftClass(run, s.code)}`}>
            {s.code} · {s.label} {s.start}–{s.end}
          </span>
        ))}
        <span className="roster-legend shift-off roster-flag-violation">{t('roster.legendViolation')}</span>
        <span className="roster-legend shift-off roster-flag-request">{t('roster.legendRequest')}</span>
        <span className="roster-legend shift-off roster-leave">{t('roster.legendLeave')}</span>
      </Group>

      <div className="page-breakout">
        <Title order={2} size="h4">
          {t('roster.fairnessTitle')}
        </Title>
        <Text size="sm">{t('roster.fairnessSpread', { weekendsMin: wMin, weekendsMax: wMax, nightsMin: nMin, nightsMax: nMax })}</Text>
        <div className="roster-grid-wrap" tabIndex={0} role="region" aria-label={t('roster.gridLabel')}>
          <table className="roster-grid" aria-label={t('roster.gridLabel')}>
            <thead>
              <tr>
                <th scope="col" className="roster-name">
                  {t('roster.staffColumn')}
                </th>
                <th scope="col" className="roster-fig roster-fig-1">
                  {t('roster.fairness.hours')}
                </th>
                <th scope="col" className="roster-fig roster-fig-2">
                  {t('roster.fairness.nights')}
                </th>
                <th scope="col" className="roster-fig roster-fig-3">
                  {t('roster.fairness.weekends')}
                </th>
                <th scope="col" className="roster-fig roster-fig-4">
                  {t('roster.fairness.requests')}
                </th>
                {dates.map((date, d) => (
                  <th key={date} scope="col" className={d % 7 >= 5 ? 'roster-weekend' : undefined}>
                    <span className="roster-day">{t(shortDayKey(date))}</span>
                    <span className="roster-date">{date.slice(8, 10)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {run.staff.map((s) => {
                const personFlags = flags.person.get(s.id);
                const f = fairness.get(s.id)!;
                const offContract = Math.abs(f.minutes - f.contractMinutes) > run.rules.hoursTolerance * 60;
                return (
                  <tr key={s.id}>
                    <th scope="row" className={personFlags ? 'roster-name roster-flag-violation' : 'roster-name'} title={personFlags?.join(' ; ')}>
                      {s.name}
                      <span className="roster-quals">
                        {s.qualifications.join(', ')}
                        {s.nightStaff ? ' · nuit' : ''}
                      </span>
                    </th>
                    <td className={offContract ? 'roster-fig roster-fig-1 roster-flag-violation' : 'roster-fig roster-fig-1'}>
                      {h(f.minutes)} / {h(f.contractMinutes)}
                    </td>
                    <td className="roster-fig roster-fig-2">{f.nights}</td>
                    <td className="roster-fig roster-fig-3">{f.weekendsWorked}</td>
                    <td className="roster-fig roster-fig-4">{f.requests ? `${f.requestsGranted} / ${f.requests}` : '—'}</td>
                    {dates.map((date, d) => {
                      const code = draft[s.id]?.[d] ?? null;
                      const k = `${s.id}:${d}`;
                      const v = flags.cell.get(k);
                      const isSelected = selected?.staff === s.id && selected.day === d;
                      const classes = [
                        'roster-cell',
                        shiftClass(run, code),
                        v ? 'roster-flag-violation' : '',
                        flags.unmet.has(k) ? 'roster-flag-request' : '',
                        flags.leave.has(k) ? 'roster-leave' : '',
                        d % 7 >= 5 ? 'roster-weekend' : '',
                        isSelected ? 'roster-selected' : '',
                      ].join(' ');
                      const value = flags.leave.has(k) && code === null ? t('roster.leave') : shiftLabel(code);
                      return (
                        <td key={date} className={classes}>
                          <button
                            type="button"
                            disabled={!pending}
                            aria-pressed={isSelected}
                            aria-label={t('roster.cellLabel', { name: s.name, date: dayLabel(d), value }) + (v ? ` — ${v.join(' ; ')}` : '')}
                            title={v?.join(' ; ')}
                            onClick={() => setSelected({ staff: s.id, day: d })}
                          >
                            {code ?? (flags.leave.has(k) ? 'C' : '')}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>

      {pending && (
        <Paper withBorder p="sm" className="roster-editor-bar" aria-live="polite">
          {selected ? (
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>{t('roster.selected', { name: names.get(selected.staff) ?? '', date: dayLabel(selected.day) })}</Text>
              {[...run.shifts.map((s) => s.code), null].map((code) => (
                <Button
                  key={code ?? 'off'}
                  size="xs"
                  variant={(draft[selected.staff]?.[selected.day] ?? null) === code ? 'filled' : 'default'}
                  className={shiftClass(run, code)}
                  onClick={() => setCell(selected.staff, selected.day, code)}
                >
                  {t('roster.setTo')} {shiftLabel(code)}
                </Button>
              ))}
              <Button size="xs" variant="subtle" onClick={() => setSelected(null)}>
                {t('roster.closeEditor')}
              </Button>
            </Group>
          ) : (
            <Text size="sm">{t('roster.selectHint')}</Text>
          )}
        </Paper>
      )}

      <section aria-live="polite">
        {evaluation.isFetching && <Text size="sm">{t('roster.evaluating')}</Text>}
        {evaluation.error && <ErrorMessage error={evaluation.error} />}
        {ev.violations.length === 0 && <Alert color="green">{t('roster.allGood')}</Alert>}
        {blocking.length > 0 && (
          <Alert color="red" title={t('roster.blocking')}>
            <List size="sm">
              {blocking.slice(0, 30).map((v, i) => (
                <List.Item key={i}>{violationText(v)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert color="yellow" title={t('roster.warnings')} mt="xs">
            <List size="sm">
              {warnings.slice(0, 30).map((v, i) => (
                <List.Item key={i}>{violationText(v)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </section>

      <Group align="start" grow>
        <div>
          <Title order={2} size="h4">
            {t('roster.shortfallsTitle')} ({ev.shortfalls.length})
          </Title>
          <List size="sm">
            {ev.shortfalls.slice(0, 40).map((s) => (
              <List.Item key={`${s.day}-${s.shift}-${s.qualification ?? ''}`}>
                {t('roster.shortfall', {
                  date: formatDate(s.date),
                  shift: shiftLabel(s.shift),
                  qualification: s.qualification ? s.qualification.split('|').join(', ') : t('roster.anyQualification'),
                  assigned: s.assigned,
                  required: s.required,
                })}
              </List.Item>
            ))}
          </List>
        </div>
        <div>
          <Title order={2} size="h4">
            {t('roster.unmetTitle')} ({ev.unmet.length})
          </Title>
          <List size="sm">
            {ev.unmet.slice(0, 40).map((u) => (
              <List.Item key={u.request}>
                {t('roster.unmetItem', {
                  name: names.get(u.staff) ?? u.staff,
                  date: formatDate(u.date),
                  reason: tDynamic(`roster.rules.${u.reason}`) ?? u.reason,
                })}
              </List.Item>
            ))}
          </List>
        </div>
      </Group>

      {pending && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            {changed && (
              <Group justify="space-between">
                <Text size="sm">{t('roster.edited')}</Text>
                <Button variant="subtle" size="xs" onClick={() => setDraft(structuredClone(original))}>
                  {t('roster.reset')}
                </Button>
              </Group>
            )}
            <Textarea label={t('roster.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} autosize minRows={2} />
            {decide.error && <ErrorMessage error={decide.error} />}
            <Group>
              <Button
                onClick={onPublish}
                loading={decide.isPending && decide.variables === 'publish'}
                disabled={!ev.publishable || (changed && (evaluation.isFetching || !!evaluation.error))}
              >
                {t('roster.publish')}
              </Button>
              <Button variant="outline" color="red" onClick={() => decide.mutate('reject')} loading={decide.isPending && decide.variables === 'reject'}>
                {t('roster.reject')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
