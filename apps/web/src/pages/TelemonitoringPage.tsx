import { Button, Card, Group, NumberInput, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, fieldErrorOf, tmEndpoints, tmKeys, type Severity, type TmPolicy } from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { AlertCard, useAgo } from './telemonitoring/AlertCard';

const TABS = ['queue', 'panel', 'closed', 'rejections', 'escalation'] as const;
type Tab = (typeof TABS)[number];
const EVENTS = ['alert.raised', 'alert.escalated', 'alert.acknowledged', 'alert.action', 'alert.closed'] as const;
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Server-sent events of the facility's alerts: every event refreshes the telemonitoring data and is announced in a
 * polite live region. Returns whether the stream is connected (EventSource reconnects by itself).
 */
function useAlertStream(): { connected: boolean; announcement: string } {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const source = new EventSource('/api/telemonitoring/events');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const handlers = EVENTS.map((type) => {
      const fn = () => {
        setAnnouncement(t(`tm.announce.${type}`));
        void qc.invalidateQueries({ queryKey: tmKeys.all });
      };
      source.addEventListener(type, fn);
      return [type, fn] as const;
    });
    return () => {
      for (const [type, fn] of handlers) source.removeEventListener(type, fn);
      source.close();
    };
  }, [qc, t]);
  return { connected, announcement };
}

/** The coordination nurse's telemonitoring page: triage queue (live), monitored people, closed alerts, rejections, escalation. */
export function TelemonitoringPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('tm.title'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = TABS.find((x) => x === requested) ?? 'queue';
  const stream = useAlertStream();
  if (!can.seeTelemonitoring(me.role)) return <Forbidden title={t('tm.title')} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('tm.title')}</Title>
        <Text className={stream.connected ? 'tm-live tm-live-on' : 'tm-live tm-live-off'}>
          <span aria-hidden="true">●</span> {stream.connected ? t('tm.live.on') : t('tm.live.off')}
        </Text>
      </Group>
      <Text>{t('tm.intro')}</Text>
      <div role="status" aria-live="polite" className="visually-hidden">
        {stream.announcement}
      </div>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'queue' ? { tab: v } : {}, { replace: true })}>
        <Tabs.List aria-label={t('tm.title')}>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`tm.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          {tab === 'queue' && <Queue status="active" />}
        </Tabs.Panel>
        <Tabs.Panel value="panel" pt="md">
          {tab === 'panel' && <Panel />}
        </Tabs.Panel>
        <Tabs.Panel value="closed" pt="md">
          {tab === 'closed' && <Queue status="closed" />}
        </Tabs.Panel>
        <Tabs.Panel value="rejections" pt="md">
          {tab === 'rejections' && <Rejections />}
        </Tabs.Panel>
        <Tabs.Panel value="escalation" pt="md">
          {tab === 'escalation' && <Escalation />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Queue({ status }: { status: 'active' | 'closed' }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: tmKeys.queue(status), queryFn: () => tmEndpoints.queue(status) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  if (!q.data.length) return <Text>{status === 'active' ? t('tm.queueEmpty') : t('tm.closedEmpty')}</Text>;
  return (
    <Stack gap="sm">
      {q.data.map((a) => (
        <AlertCard key={a.id} alert={a} />
      ))}
    </Stack>
  );
}

function Panel() {
  const { t } = useTranslation();
  const ago = useAgo();
  const q = useQuery({ queryKey: tmKeys.panel, queryFn: tmEndpoints.panel });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  if (!q.data.length) return <Text>{t('tm.panel.empty')}</Text>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('tm.panel.caption')}>
      <table className="data-table tm-panel">
        <caption className="visually-hidden">{t('tm.panel.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tm.panel.person')}</th>
            <th scope="col">{t('tm.panel.programme')}</th>
            <th scope="col">{t('tm.panel.status')}</th>
            <th scope="col">{t('tm.panel.alerts')}</th>
            <th scope="col">{t('tm.panel.lastMeasurement')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((r) => (
            <tr key={r.personId} className={`tm-panel-${r.status}`}>
              <th scope="row">
                <Link to={`/people/${r.personId}?tab=telemonitoring`}>{r.name}</Link>
              </th>
              <td>{t(`tm.programmes.${r.programme}`)}</td>
              <td>
                <span className={`tm-status tm-status-${r.status}`}>{t(`tm.panel.statuses.${r.status}`)}</span>
              </td>
              <td>
                {r.topSeverity
                  ? t('tm.panel.alertsCount', { count: r.activeAlerts, severity: t(`tm.severity.${r.topSeverity}`).toLowerCase() })
                  : t('tm.panel.none')}
                {r.escalated > 0 && <div className="tm-escalated">{t('tm.panel.escalated', { count: r.escalated })}</div>}
              </td>
              <td>{r.lastMeasurementAt ? `${formatDateTime(r.lastMeasurementAt)} (${ago(r.lastMeasurementAt)})` : t('tm.panel.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Rejections() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: tmKeys.rejections, queryFn: tmEndpoints.rejections });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const reason = (r: string) => tDynamic(`tm.rejections.reasons.${r}`) ?? r;
  return (
    <Stack gap="md">
      <Text>{t('tm.rejections.intro')}</Text>
      {q.data.counts.length === 0 ? (
        <Text>{t('tm.rejections.none')}</Text>
      ) : (
        <>
          <Title order={2}>{t('tm.rejections.counts')}</Title>
          <ul>
            {q.data.counts.map((c) => (
              <li key={c.reason}>
                {reason(c.reason)} : <strong>{c.n}</strong>
              </li>
            ))}
          </ul>
          <Title order={2}>{t('tm.rejections.latest')}</Title>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('tm.rejections.latest')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('tm.rejections.when')}</th>
                  <th scope="col">{t('tm.rejections.source')}</th>
                  <th scope="col">{t('tm.rejections.reason')}</th>
                  <th scope="col">{t('tm.rejections.field')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.latest.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.receivedAt)}</td>
                    <td>{r.source.toUpperCase()}</td>
                    <td>{reason(r.reason)}</td>
                    <td>
                      <code>{r.field}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Stack>
  );
}

function Escalation() {
  const q = useQuery({ queryKey: tmKeys.policy, queryFn: tmEndpoints.policy });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <EscalationForm policy={q.data} />;
}

function EscalationForm({ policy }: { policy: TmPolicy }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [minutes, setMinutes] = useState(policy.escalationMinutes);
  const [repeatHours, setRepeatHours] = useState(policy.repeatHours);
  const [delayMinutes, setDelayMinutes] = useState(policy.delayMinutes);
  const [email, setEmail] = useState(policy.notify.email ?? '');
  const [sms, setSms] = useState(policy.notify.sms ?? '');
  const editable = can.setTelemonitoringPolicy(me.role);
  const save = useMutation({
    mutationFn: () =>
      tmEndpoints.setPolicy({ escalationMinutes: minutes, repeatHours, delayMinutes, notify: { email: email.trim() || null, sms: sms.trim() || null } }),
    onSuccess: (p) => qc.setQueryData(tmKeys.policy, p),
  });
  const orderError = fieldErrorOf(save.error, 'escalationMinutes');
  return (
    <Stack gap="md">
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="sm">
            <Title order={2}>{t('tm.policy.title')}</Title>
            <Text>{t('tm.policy.intro')}</Text>
            <Group wrap="wrap" align="flex-start">
              {SEVERITIES.map((s) => (
                <NumberInput
                  key={s}
                  label={t('tm.policy.minutes', { severity: t(`tm.severity.${s}`).toLowerCase() })}
                  value={minutes[s]}
                  min={1}
                  max={20160}
                  allowDecimal={false}
                  onChange={(v) => setMinutes({ ...minutes, [s]: typeof v === 'number' ? v : Number(v) || 0 })}
                  error={fieldErrorOf(save.error, `escalationMinutes.${s}`)}
                  readOnly={!editable}
                  w={200}
                />
              ))}
            </Group>
            {orderError && (
              <Notice tone="danger" role="alert">
                {orderError}
              </Notice>
            )}
            <Title order={3}>{t('tm.policy.fatigueTitle')}</Title>
            <Group wrap="wrap" align="flex-start">
              <NumberInput
                label={t('tm.policy.repeatHours')}
                description={t('tm.policy.repeatHelp')}
                value={repeatHours}
                min={0}
                max={720}
                allowDecimal={false}
                onChange={(v) => setRepeatHours(Number(v) || 0)}
                error={fieldErrorOf(save.error, 'repeatHours')}
                readOnly={!editable}
                w={300}
              />
              <NumberInput
                label={t('tm.policy.delayMinutes')}
                description={t('tm.policy.delayHelp')}
                value={delayMinutes}
                min={0}
                max={1440}
                allowDecimal={false}
                onChange={(v) => setDelayMinutes(Number(v) || 0)}
                error={fieldErrorOf(save.error, 'delayMinutes')}
                readOnly={!editable}
                w={300}
              />
            </Group>
            <Title order={3}>{t('tm.policy.notifyTitle')}</Title>
            <Text size="sm">{t('tm.policy.notifyHelp')}</Text>
            <Group wrap="wrap" align="flex-start">
              <TextInput
                type="email"
                label={t('tm.policy.email')}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldErrorOf(save.error, 'notify.email')}
                readOnly={!editable}
                w={320}
              />
              <TextInput
                type="tel"
                label={t('tm.policy.sms')}
                value={sms}
                onChange={(e) => setSms(e.currentTarget.value)}
                error={fieldErrorOf(save.error, 'notify.sms')}
                readOnly={!editable}
                w={240}
              />
            </Group>
            {editable && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('tm.policy.save')}
                </Button>
              </Group>
            )}
            {save.isSuccess && (
              <Notice tone="success" role="status">
                {t('tm.policy.saved')}
              </Notice>
            )}
            {save.isError && !orderError && <ErrorMessage error={save.error} />}
          </Stack>
        </form>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2}>{t('tm.policy.sent')}</Title>
          {policy.notifications.length === 0 ? (
            <Text>{t('tm.policy.noneSent')}</Text>
          ) : (
            <ul>
              {policy.notifications.map((n) => (
                <li key={n.id}>
                  {formatDateTime(n.createdAt)} — {t(`tm.policy.channels.${n.channel}`)} : {tDynamic(`tm.policy.statuses.${n.status}`) ?? n.status}
                  {n.lastError && ` (${n.lastError})`}
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
