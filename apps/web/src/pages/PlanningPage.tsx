import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, List, NativeSelect, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, endpoints, keys, mondayOf, type PlanEvaluation, type PlanRun, type PlanSessionDraft } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { WeekCalendar, type CalendarNames } from './planning/WeekCalendar';
import { AddSessionForm } from './planning/AddSessionForm';
import { useTaskTimer } from '../ui/useTaskTimer';

const SECONDS = ['5', '15', '30', '60'];

function namesOf(run: PlanRun): CalendarNames & { person: (id: string) => string } {
  const map = <T extends { id: string; name: string }>(list: T[]) => {
    const m = new Map(list.map((x) => [x.id, x.name || x.id]));
    return (id: string) => m.get(id) ?? id;
  };
  return { activity: map(run.instance.activities), room: map(run.instance.rooms), leader: map(run.instance.leaders), person: map(run.instance.people) };
}

/** The weekly planner for activity leaders: run it, watch it, edit its plan on a calendar, publish it. */
export function PlanningPage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.title'));
  const me = useMe();
  const allowed = can.planWeek(me.role);
  const [params, setParams] = useSearchParams();
  const week = mondayOf(params.get('week') ?? todayIso());
  const queryClient = useQueryClient();
  const [seconds, setSeconds] = useState('15');
  const [exact, setExact] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  // ?run=<id> opens a given run (from its proposal); otherwise the week's latest run.
  const pinned = params.get('run');
  const latest = useQuery({ queryKey: keys.latestPlanRun(week), queryFn: () => endpoints.latestPlanRun(week), enabled: allowed && !pinned });
  const runId = pinned ?? latest.data?.id ?? null;
  const run = useQuery({ queryKey: keys.planRun(runId ?? ''), queryFn: () => endpoints.planRun(runId!), enabled: allowed && runId !== null });
  const shownWeekRef = () => (pinned && run.data ? run.data.week : week);
  const job = useQuery({
    queryKey: keys.planJob(jobId ?? ''),
    queryFn: () => endpoints.planJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
  const start = useMutation({
    mutationFn: () => endpoints.startPlan({ week: shownWeekRef(), seconds: Number(seconds), exact }),
    onSuccess: (j) => {
      setJobId(j.id);
      if (pinned) setParams({ week: j.week });
    },
  });
  const cancel = useMutation({ mutationFn: () => endpoints.cancelPlanJob(jobId!) });
  const jobStatus = job.data?.status;
  useEffect(() => {
    if (jobStatus && jobStatus !== 'running') void queryClient.invalidateQueries({ queryKey: keys.latestPlanRun(week) });
  }, [jobStatus, queryClient, week]);

  if (!allowed) return <Forbidden title={t('planning.title')} />;
  const shownWeek = shownWeekRef();
  const running = jobStatus === 'running' || start.isPending;
  const progress = job.data?.progress;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('planning.title')}</Title>
        <Text c="dimmed">{t('planning.intro')}</Text>
        <Group gap="md">
          {can.editCatalogue(me.role) && (
            <Anchor component={Link} to="/activities">
              {t('catalogue.link')}
            </Anchor>
          )}
          <Anchor component={Link} to="/planning/setup">
            {t('setup.link')}
          </Anchor>
        </Group>
      </div>
      <Group gap="sm" align="end">
        <Button variant="default" onClick={() => setParams({ week: addDaysIso(shownWeek, -7) })}>
          {t('planning.previousWeek')}
        </Button>
        <Text fw={600} aria-live="polite">
          {t('planning.weekOf', { date: formatDate(shownWeek) })}
        </Text>
        <Button variant="default" onClick={() => setParams({ week: addDaysIso(shownWeek, 7) })}>
          {t('planning.nextWeek')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('planning.runTitle')}
          </Title>
          <Group align="end">
            <NativeSelect
              label={t('planning.seconds')}
              value={seconds}
              onChange={(e) => setSeconds(e.currentTarget.value)}
              data={SECONDS.map((s) => ({ value: s, label: t('planning.secondsValue', { count: Number(s) }) }))}
            />
            <Checkbox label={t('planning.exact')} checked={exact} onChange={(e) => setExact(e.currentTarget.checked)} />
            <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
              {t('planning.run')}
            </Button>
            {jobStatus === 'running' && (
              <Button variant="outline" color="red" onClick={() => cancel.mutate()} loading={cancel.isPending}>
                {t('planning.stop')}
              </Button>
            )}
          </Group>
          {start.error && <ErrorMessage error={start.error} />}
          {job.data && (
            <div aria-live="polite">
              {job.data.status === 'running' && (
                <Stack gap={4}>
                  <Progress value={Math.min(100, ((progress?.elapsedSeconds ?? 0) / job.data.seconds) * 100)} aria-label={t('planning.progressLabel')} />
                  <Text size="sm">
                    {progress?.best != null
                      ? t('planning.progress', {
                          best: progress.best.toFixed(1),
                          bound: progress.bound?.toFixed(1) ?? '—',
                          seconds: Math.round(progress.elapsedSeconds),
                        })
                      : t('planning.starting')}
                  </Text>
                </Stack>
              )}
              {job.data.status === 'done' && <Alert color="green">{t('planning.jobDone')}</Alert>}
              {job.data.status === 'cancelled' && <Alert color="yellow">{t('planning.jobCancelled')}</Alert>}
              {job.data.status === 'failed' && <Alert color="red">{t('planning.jobFailed', { error: job.data.error ?? '' })}</Alert>}
            </div>
          )}
        </Stack>
      </Paper>
      {(!pinned && latest.isPending) || (runId && run.isPending) ? (
        <Loading />
      ) : latest.error || run.error ? (
        <ErrorMessage error={latest.error ?? run.error} />
      ) : run.data ? (
        <PlanEditor key={`${run.data.id}-${run.data.proposal?.status ?? ''}`} run={run.data} week={run.data.week} />
      ) : (
        <Text>{t('planning.noRun')}</Text>
      )}
    </Stack>
  );
}

function PlanEditor({ run, week }: { run: PlanRun; week: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = useMemo(() => namesOf(run), [run]);
  const original = run.proposal?.sessions ?? [];
  const pending = run.proposal?.status === 'pending';
  const [draft, setDraft] = useState<PlanSessionDraft[]>(() => structuredClone(original));
  const [selected, setSelected] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const changed = JSON.stringify(draft) !== JSON.stringify(original);
  const evaluation = useQuery({
    queryKey: ['planning', 'evaluate', run.id, JSON.stringify(draft)],
    queryFn: () => endpoints.evaluatePlan(run.id, draft),
    enabled: pending,
    placeholderData: (prev: PlanEvaluation | undefined) => prev,
  });
  // from opening the proposal to publishing it: the time the assistant's proposal took to check and publish
  const timer = useTaskTimer('activity_plan', { startOnMount: pending });
  const publish = useMutation({
    mutationFn: () =>
      endpoints.decide(
        run.proposal!.id,
        changed ? { decision: 'amend', reason: reason.trim(), content: { runId: run.id, sessions: draft } } : { decision: 'accept' },
      ),
    onSuccess: () => {
      timer.finish(true, run.id);
      void queryClient.invalidateQueries({ queryKey: keys.planningAll });
      void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
    },
  });
  const flagged = useMemo(() => {
    const out = new Set<number>();
    for (const v of evaluation.data?.violations ?? []) {
      draft.forEach((s, i) => {
        if (v.subject === `S-${s.slot}-${s.activity}-${s.room}` || s.participants.includes(v.subject)) out.add(i);
      });
    }
    return out;
  }, [evaluation.data, draft]);

  const update = (fn: (d: PlanSessionDraft[]) => void) =>
    setDraft((d) => {
      const next = structuredClone(d);
      fn(next);
      return next;
    });
  const current = selected !== null ? draft[selected] : undefined;
  const candidates = current
    ? run.instance.people
        .filter((p) => p.scores[current.activity] !== undefined && !current.participants.includes(p.id))
        .sort((a, b) => (b.scores[current.activity] ?? 0) - (a.scores[current.activity] ?? 0))
    : [];
  const unmetPeople = run.result.unmet.filter((u) => u.kind === 'person');

  const onPublish = () => {
    if (changed && reason.trim().length === 0) {
      setReasonError(t('planning.reasonRequired'));
      return;
    }
    setReasonError(null);
    publish.mutate();
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" className="ai-proposal-box">
        <Group justify="space-between" align="start">
          <div>
            <Text fw={600}>
              <span className="ai-label-badge">{t('aiLabel.badge')}</span> {t('planning.proposalHeading')}
            </Text>
            <Text size="sm">
              {t('planning.summary', {
                sessions: original.length,
                invitations: run.result.stats.invitations,
                invited: run.result.stats.invited,
                people: run.result.stats.people,
                objective: run.result.objective,
                bound: run.result.bound,
                gap: (run.result.gap * 100).toFixed(1),
              })}
            </Text>
          </div>
          {run.proposal && (
            <Anchor component={Link} to={`/proposals/${run.proposal.id}`}>
              {t('planning.openProposal')}
            </Anchor>
          )}
        </Group>
        {!pending && run.proposal && (
          <Alert mt="sm" color={run.proposal.status === 'rejected' ? 'yellow' : 'green'}>
            {t(`planning.status.${run.proposal.status}`, { defaultValue: run.proposal.status })}{' '}
            {run.publishedAt && (
              <>
                <Anchor component={Link} to={`/sessions?week=${week}`}>
                  {t('planning.toSessions')}
                </Anchor>{' '}
                ·{' '}
                <Anchor component={Link} to={`/programme?week=${week}`}>
                  {t('planning.toProgramme')}
                </Anchor>
              </>
            )}
          </Alert>
        )}
      </Paper>
      <WeekCalendar
        instance={run.instance}
        sessions={pending ? draft : original}
        names={names}
        flagged={pending ? flagged : new Set()}
        editable={pending}
        selected={selected}
        onSelect={setSelected}
        onMove={(i, slot) => update((d) => void (d[i]!.slot = slot))}
        onRemove={(i) => {
          setSelected(null);
          update((d) => void d.splice(i, 1));
        }}
      />
      {current && selected !== null && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">
            {t('planning.participantsOf', { name: names.activity(current.activity) })}
          </Title>
          <List mt="xs">
            {current.participants.map((p) => (
              <List.Item key={p}>
                {names.person(p)}{' '}
                {pending && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => update((d) => void (d[selected]!.participants = d[selected]!.participants.filter((x) => x !== p)))}
                  >
                    {t('planning.uninvite')}
                  </Button>
                )}
              </List.Item>
            ))}
          </List>
          {pending && candidates.length > 0 && (
            <NativeSelect
              mt="sm"
              label={t('planning.invite')}
              value=""
              data={[
                { value: '', label: t('planning.choosePerson') },
                ...candidates.map((p) => ({ value: p.id, label: `${p.name} (${Math.round((p.scores[current.activity] ?? 0) * 100)})` })),
              ]}
              onChange={(e) => {
                const id = e.currentTarget.value;
                if (id) update((d) => void d[selected]!.participants.push(id));
              }}
            />
          )}
        </Paper>
      )}
      {pending && (
        <AddSessionForm
          instance={run.instance}
          onAdd={(session) => {
            update((d) => void d.push(session));
            setSelected(draft.length);
          }}
        />
      )}
      {pending && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('planning.checkTitle')}
            </Title>
            <div aria-live="polite">
              {evaluation.data &&
                (evaluation.data.violations.length === 0 ? (
                  <Text fw={700}>✓ {t('planning.noViolation', { objective: evaluation.data.objective })}</Text>
                ) : (
                  <Alert color="red" title={t('planning.violations', { count: evaluation.data.violations.length })}>
                    <List size="sm">
                      {evaluation.data.violations.slice(0, 12).map((v, i) => (
                        <List.Item key={i}>
                          {t(`planning.violation.${v.code}`, { defaultValue: v.message })} — {names.person(v.subject)}
                        </List.Item>
                      ))}
                    </List>
                  </Alert>
                ))}
            </div>
            {changed && (
              <Textarea
                label={t('planning.reason')}
                description={t('planning.reasonHelp')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={reasonError}
                required
              />
            )}
            <Group>
              <Button onClick={onPublish} loading={publish.isPending} disabled={(evaluation.data?.violations.length ?? 0) > 0}>
                {changed ? t('planning.publishAmended') : t('planning.publish')}
              </Button>
              {changed && (
                <Button variant="default" onClick={() => setDraft(structuredClone(original))}>
                  {t('planning.reset')}
                </Button>
              )}
            </Group>
            {publish.error && <ErrorMessage error={publish.error} />}
          </Stack>
        </Paper>
      )}
      {unmetPeople.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">
            {t('planning.unmetTitle', { count: unmetPeople.length })}
          </Title>
          <List size="sm" mt="xs">
            {unmetPeople.map((u) => (
              <List.Item key={u.id}>
                {names.person(u.id)} : {t(`planning.unmet.${u.reason}`, { defaultValue: u.message })}
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}
