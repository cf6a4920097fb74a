import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, endpoints, keys, mondayOf, type RosterJob } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { RosterEditor } from './roster/RosterEditor';

const SECONDS = ['5', '10', '30', '60'];
const WEEKS = 4;

/** The head of care's roster page: run the solver and watch it, then check, edit and decide on its roster. */
export function RostersPage() {
  const { t } = useTranslation();
  usePageTitle(t('roster.title'));
  const me = useMe();
  const allowed = can.manageRosters(me.role);
  const [params, setParams] = useSearchParams();
  // ?run=<id> opens a given run (from its proposal); otherwise the latest run of the cycle starting on ?start=.
  const pinned = params.get('run');
  const requested = mondayOf(params.get('start') ?? todayIso());
  const queryClient = useQueryClient();
  const [seconds, setSeconds] = useState('10');
  const [jobId, setJobId] = useState<string | null>(null);
  const latest = useQuery({ queryKey: keys.latestRosterRun(requested), queryFn: () => endpoints.latestRosterRun(requested), enabled: allowed && !pinned });
  const runId = pinned ?? latest.data?.id ?? null;
  const run = useQuery({ queryKey: keys.rosterRun(runId ?? ''), queryFn: () => endpoints.rosterRun(runId!), enabled: allowed && runId !== null });
  const start = pinned && run.data ? run.data.start : requested;
  const job = useQuery({
    queryKey: keys.rosterJob(jobId ?? ''),
    queryFn: () => endpoints.rosterJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
  const startRun = useMutation({
    mutationFn: () => endpoints.startRoster({ start, weeks: WEEKS, seconds: Number(seconds) }),
    onSuccess: (j) => {
      setJobId(j.id);
      if (pinned) setParams({ start: j.start });
    },
  });
  const cancel = useMutation({ mutationFn: () => endpoints.cancelRosterJob(jobId!) });
  const jobStatus = job.data?.status;
  const jobStart = job.data?.start;
  useEffect(() => {
    if (jobStatus && jobStatus !== 'running' && jobStart) void queryClient.invalidateQueries({ queryKey: keys.latestRosterRun(jobStart) });
  }, [jobStatus, jobStart, queryClient]);
  // A job belongs to its cycle: moving to another cycle forgets it once it has finished.
  useEffect(() => {
    if (jobStart && jobStart !== start && jobStatus !== 'running') setJobId(null);
  }, [start, jobStart, jobStatus]);

  if (!allowed) return <Forbidden title={t('roster.title')} />;
  const running = jobStatus === 'running' || startRun.isPending;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('roster.title')}</Title>
        <Text c="dimmed">{t('roster.intro')}</Text>
        <Anchor component={Link} to="/rosters/setup">
          {t('roster.setupLink')}
        </Anchor>
      </div>
      <Group gap="sm" align="end">
        <Button variant="default" onClick={() => setParams({ start: addDaysIso(start, -7 * WEEKS) })}>
          {t('roster.previous')}
        </Button>
        <Text fw={600} aria-live="polite">
          {t('roster.periodOf', { weeks: WEEKS, date: formatDate(start) })}
        </Text>
        <Button variant="default" onClick={() => setParams({ start: addDaysIso(start, 7 * WEEKS) })}>
          {t('roster.next')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('roster.runTitle')}
          </Title>
          <Group align="end">
            <NativeSelect
              label={t('roster.seconds')}
              value={seconds}
              onChange={(e) => setSeconds(e.currentTarget.value)}
              data={SECONDS.map((s) => ({ value: s, label: t('roster.secondsValue', { count: Number(s) }) }))}
            />
            <Button onClick={() => startRun.mutate()} loading={startRun.isPending} disabled={running}>
              {t('roster.run')}
            </Button>
            {jobStatus === 'running' && (
              <Button variant="outline" color="red" onClick={() => cancel.mutate()} loading={cancel.isPending}>
                {t('roster.stop')}
              </Button>
            )}
          </Group>
          {startRun.error && <ErrorMessage error={startRun.error} />}
          {job.data && <JobProgress job={job.data} />}
        </Stack>
      </Paper>
      <LeaveToApprove start={start} />
      {(!pinned && latest.isPending) || (runId && run.isPending) ? (
        <Loading />
      ) : latest.error || run.error ? (
        <ErrorMessage error={latest.error ?? run.error} />
      ) : run.data ? (
        <RosterEditor key={`${run.data.id}-${run.data.proposal?.status ?? ''}`} run={run.data} />
      ) : (
        <Text>{t('roster.noRun')}</Text>
      )}
    </Stack>
  );
}

/** Leave requested on the cycle and not yet decided: approving makes it a hard day off for the next run. */
function LeaveToApprove({ start }: { start: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const to = addDaysIso(start, 7 * WEEKS - 1);
  const requests = useQuery({ queryKey: keys.rosterRequests(start, to), queryFn: () => endpoints.rosterRequests(start, to) });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) => endpoints.decideLeave(v.id, v.approve),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.rosterRequests(start, to) }),
  });
  const pending = (requests.data ?? []).filter((r) => r.kind === 'leave' && r.status === 'pending');
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3">
        {t('roster.leaveTitle')}
      </Title>
      <Text size="sm">{t('roster.leaveIntro')}</Text>
      {requests.error && <ErrorMessage error={requests.error} />}
      {decide.error && <ErrorMessage error={decide.error} />}
      {requests.data && pending.length === 0 && <Text size="sm">{t('roster.noLeave')}</Text>}
      <Stack gap={4} mt="xs">
        {pending.map((r) => (
          <Group key={r.id} gap="xs">
            <Text size="sm">{t('roster.leaveItem', { name: r.staffName, date: formatDate(r.date), note: r.note ? ` — ${r.note}` : '' })}</Text>
            <Button size="compact-xs" variant="default" onClick={() => decide.mutate({ id: r.id, approve: true })}>
              {t('roster.approve')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => decide.mutate({ id: r.id, approve: false })}>
              {t('roster.refuse')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Live progress: elapsed time, the best value so far and its curve over the run. */
function JobProgress({ job }: { job: RosterJob }) {
  const { t } = useTranslation();
  const last = job.trace.at(-1);
  const elapsed = last?.t ?? 0;
  const best = [...job.trace].reverse().find((p) => p.best !== null)?.best ?? null;
  return (
    <div aria-live="polite">
      {job.status === 'running' && (
        <Stack gap={4}>
          <Progress value={Math.min(100, (elapsed / job.seconds) * 100)} aria-label={t('roster.progressLabel')} />
          <Text size="sm">
            {best !== null ? t('roster.best', { best, seconds: Math.round(elapsed) }) : t('roster.searching', { seconds: Math.round(elapsed) })}
          </Text>
        </Stack>
      )}
      <TraceChart trace={job.trace} seconds={job.seconds} />
      {job.status === 'done' && <Alert color="green">{t('roster.jobDone')}</Alert>}
      {job.status === 'cancelled' && <Alert color="yellow">{t('roster.jobCancelled')}</Alert>}
      {job.status === 'failed' && <Alert color="red">{t('roster.jobFailed', { error: job.error ?? '' })}</Alert>}
    </div>
  );
}

function TraceChart({ trace, seconds }: { trace: RosterJob['trace']; seconds: number }) {
  const { t } = useTranslation();
  const points = trace.filter((p): p is { t: number; best: number } => p.best !== null);
  if (points.length < 2) return null;
  const W = 320;
  const H = 60;
  const max = Math.max(...points.map((p) => p.best));
  const min = Math.min(...points.map((p) => p.best));
  const x = (s: number) => (Math.min(s, seconds) / seconds) * W;
  const y = (v: number) => (max === min ? H / 2 : 4 + ((v - min) / (max - min)) * (H - 8));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.best).toFixed(1)}`).join(' ');
  return (
    <svg role="img" aria-label={`${t('roster.traceLabel')} : ${points[0]!.best} → ${points.at(-1)!.best}`} width={W} height={H} className="roster-trace">
      <path d={path} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  );
}
