import { Badge, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TM_ACTIONS, TM_OUTCOMES } from '@presence/shared';
import { can, fieldErrorOf, tmEndpoints, tmKeys, type QueuedAlert, type Severity, type TmAction, type TmOutcome, type TmParameter } from '../../api';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatDate, formatDateTime } from '../../ui/format';
import { SeriesChart, type ChartLine } from './SeriesChart';

export const SEVERITY_COLOUR: Record<Severity, string> = { critical: 'red.9', high: '#9a3412', medium: '#854d0e', low: 'gray.7' };
export const DECIMALS: Record<TmParameter, number> = {
  body_weight: 1,
  systolic: 0,
  diastolic: 0,
  heart_rate: 0,
  spo2: 0,
  glucose: 0,
  respiratory_rate: 0,
  body_temperature: 1,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** « il y a 3 heures ». */
export function useAgo(): (iso: string) => string {
  const { t } = useTranslation();
  return (iso) => {
    const ms = Math.max(0, Date.now() - Date.parse(iso));
    if (ms < HOUR) return t('tm.ago.minutes', { count: Math.floor(ms / 60_000) });
    if (ms < DAY) return t('tm.ago.hours', { count: Math.floor(ms / HOUR) });
    return t('tm.ago.days', { count: Math.floor(ms / DAY) });
  };
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOUR[severity]} size="lg" aria-label={t('tm.severityLabel', { severity: t(`tm.severity.${severity}`) })}>
      {t(`tm.severity.${severity}`)}
    </Badge>
  );
}

/** The limits an alert's plot draws: the rule's threshold and the reference (or the trend's baseline). */
export function alertLines(a: Pick<QueuedAlert, 'kind' | 'parameter' | 'explanation'>, t: TFunction): ChartLine[] {
  const lines: ChartLine[] = [];
  const d = DECIMALS[a.parameter];
  const fmt = (v: number) => v.toFixed(d).replace('.', ',');
  const e = a.explanation;
  if (a.kind === 'trend' && e.baseline) lines.push({ value: e.baseline.mean, kind: 'reference', label: t('tm.baselineLine', { value: fmt(e.baseline.mean) }) });
  else if (e.reference !== null) lines.push({ value: e.reference, kind: 'reference', label: t('tm.referenceLine', { value: fmt(e.reference) }) });
  if (a.kind !== 'missing' && a.kind !== 'trend' && e.threshold !== null)
    lines.push({ value: e.threshold, kind: 'threshold', label: t('tm.thresholdLine', { value: fmt(e.threshold) }) });
  return lines;
}

/** One alert in the triage queue: what fired and why (rule, points, reference, a plot), and the triage controls. */
export function AlertCard({ alert: a }: { alert: QueuedAlert }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const ago = useAgo();
  const qc = useQueryClient();
  const [form, setForm] = useState<'none' | 'action' | 'close' | 'snooze'>('none');
  const [hours, setHours] = useState('24');
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<TmAction>('phone_call');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<TmOutcome>('confirmed');
  const done = async () => {
    setForm('none');
    setNote('');
    await qc.invalidateQueries({ queryKey: tmKeys.all });
  };
  const ack = useMutation({ mutationFn: () => tmEndpoints.acknowledge(a.id), onSuccess: done });
  const act = useMutation({ mutationFn: () => tmEndpoints.addAction(a.id, { kind, note }), onSuccess: done });
  const close = useMutation({ mutationFn: () => tmEndpoints.close(a.id, { outcome, note }), onSuccess: done });
  const snooze = useMutation({ mutationFn: () => tmEndpoints.snooze(a.id, { hours: Number(hours), reason }), onSuccess: () => setForm('none') });
  const e = a.explanation;
  const unit = t(`tm.units.${a.parameter}`);
  const fmt = (v: number) =>
    new Intl.NumberFormat(i18n.language, { minimumFractionDigits: DECIMALS[a.parameter], maximumFractionDigits: DECIMALS[a.parameter] }).format(v);
  const first = e.points[0];
  const last = e.points[e.points.length - 1];
  const headingId = `alert-${a.id}`;
  const triage = can.triageAlerts(me.role) && a.status !== 'closed';

  return (
    <Card withBorder padding="md" className={`tm-alert tm-alert-${a.severity}`} component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <div>
            <h3 id={headingId} className="tm-alert-title">
              <Link to={`/people/${a.personId}?tab=telemonitoring`}>{a.personName}</Link> — {t(`tm.parameters.${a.parameter}`)} · {t(`tm.kinds.${a.kind}`)}
            </h3>
            <Text size="sm">{t('tm.raisedAt', { at: formatDateTime(a.at), ago: ago(a.createdAt) })}</Text>
          </div>
          <Group gap={6}>
            <SeverityBadge severity={a.severity} />
            <Badge color={a.status === 'open' ? 'blue.9' : a.status === 'acknowledged' ? '#1e6b34' : 'gray.7'} size="lg">
              {t(`tm.status.${a.status}`)}
            </Badge>
          </Group>
        </Group>
        <span className="ai-label-wrap">
          <span className="ai-label">
            <span className="ai-label-badge" aria-hidden="true">
              {t('tm.aiBadge')}
            </span>
            <span>{t('tm.aiText')}</span>
          </span>
          {a.proposalId && can.seeProposals(me.role) && (
            <Link className="ai-label-link" to={`/proposals/${a.proposalId}`}>
              {t('tm.seeProposal')}
            </Link>
          )}
        </span>
        {a.escalatedAt && a.status === 'open' && (
          <Text fw={700} className="tm-escalated">
            {t('tm.escalated', { at: formatDateTime(a.escalatedAt) })}
          </Text>
        )}
        <Text fw={600}>{e.summary}</Text>
        <Text size="sm">
          <strong>{t('tm.rule')} : </strong>
          {e.rule}
        </Text>
        {e.escalation && (
          <Text size="sm">{t('tm.previousEscalation', { from: t(`tm.severity.${e.escalation.from}`), at: formatDateTime(e.escalation.previousAt) })}</Text>
        )}
        {e.baseline && (
          <Text size="sm">
            {t('tm.baseline', { mean: fmt(e.baseline.mean), sd: fmt(e.baseline.sd), unit, from: formatDate(e.baseline.from), to: formatDate(e.baseline.to) })}
          </Text>
        )}
        {e.statistic && e.statistic.values.length > 0 && (
          <Text size="sm">
            {t('tm.statistic', {
              name: e.statistic.name.toUpperCase(),
              value: e.statistic.values[e.statistic.values.length - 1]!.value.toFixed(2).replace('.', ','),
              limit: e.statistic.limit.toFixed(2).replace('.', ','),
            })}
          </Text>
        )}
        {first && last && a.kind !== 'missing' && (
          <SeriesChart
            title={`${t(`tm.parameters.${a.parameter}`)} — ${a.personName}`}
            unit={unit}
            decimals={DECIMALS[a.parameter]}
            points={a.series.length ? a.series : e.points}
            from={new Date(Math.min(Date.parse(first.at), Date.parse(a.at) - 14 * DAY)).toISOString()}
            to={new Date(Date.parse(a.at) + DAY).toISOString()}
            lines={alertLines(a, t)}
            markers={[{ at: last.at, value: last.value, severity: a.severity, label: e.summary }]}
            height={170}
            compact
          />
        )}
        {e.points.length > 0 && (
          <Text size="sm">
            <strong>{t('tm.points')} : </strong>
            {e.points.map((p) => `${fmt(p.value)} ${unit} (${formatDateTime(p.at)})`).join(' · ')}
          </Text>
        )}
        {a.acknowledgedBy && a.acknowledgedAt && (
          <Text size="sm">{t('tm.acknowledgedBy', { name: a.acknowledgedBy, at: formatDateTime(a.acknowledgedAt) })}</Text>
        )}
        {a.actions.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('tm.actionsDone')}
            </Text>
            <ul className="tm-actions">
              {a.actions.map((x, k) => (
                <li key={k}>
                  {formatDateTime(x.at)} — {t(`tm.actions.${x.kind}`)} ({x.by}){x.note && ` : ${x.note}`}
                </li>
              ))}
            </ul>
          </div>
        )}
        {a.status === 'closed' && a.outcome && a.closedAt && (
          <Text size="sm" fw={600}>
            {t('tm.closedAs', { at: formatDateTime(a.closedAt), outcome: t(`tm.outcomes.${a.outcome}`) })}
          </Text>
        )}
        {triage && (
          <Group gap="xs" wrap="wrap">
            {a.status === 'open' && (
              <Button onClick={() => ack.mutate()} loading={ack.isPending}>
                {t('tm.acknowledge')}
              </Button>
            )}
            <Button
              variant={form === 'action' ? 'filled' : 'outline'}
              onClick={() => setForm(form === 'action' ? 'none' : 'action')}
              aria-expanded={form === 'action'}
            >
              {t('tm.recordAction')}
            </Button>
            <Button
              variant={form === 'close' ? 'filled' : 'outline'}
              onClick={() => setForm(form === 'close' ? 'none' : 'close')}
              aria-expanded={form === 'close'}
            >
              {t('tm.closeAlert')}
            </Button>
            <Button
              variant={form === 'snooze' ? 'filled' : 'subtle'}
              onClick={() => setForm(form === 'snooze' ? 'none' : 'snooze')}
              aria-expanded={form === 'snooze'}
            >
              {t('tm.snooze')}
            </Button>
          </Group>
        )}
        {snooze.isSuccess && (
          <Text size="sm" fw={600} role="status">
            {t('tm.snoozedUntil', { at: formatDateTime(snooze.data.until) })}
          </Text>
        )}
        {triage && form === 'snooze' && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              snooze.mutate();
            }}
          >
            <Stack gap="xs">
              <Text size="sm">{t('tm.snoozeHelp')}</Text>
              <Select
                label={t('tm.snoozeFor')}
                data={['4', '12', '24', '72', '168'].map((h) => ({ value: h, label: t('tm.hours', { count: Number(h) }) }))}
                value={hours}
                onChange={(v) => v && setHours(v)}
                allowDeselect={false}
                w={200}
              />
              <TextInput
                label={t('tm.snoozeReason')}
                value={reason}
                onChange={(ev) => setReason(ev.currentTarget.value)}
                required
                minLength={3}
                maxLength={500}
                error={fieldErrorOf(snooze.error, 'reason')}
              />
              <Group>
                <Button type="submit" loading={snooze.isPending}>
                  {t('tm.confirmSnooze')}
                </Button>
              </Group>
              {snooze.isError && !fieldErrorOf(snooze.error, 'reason') && <ErrorMessage error={snooze.error} />}
            </Stack>
          </form>
        )}
        {triage && form === 'action' && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              act.mutate();
            }}
          >
            <Stack gap="xs">
              <Select
                label={t('tm.actionKind')}
                data={TM_ACTIONS.map((k) => ({ value: k, label: t(`tm.actions.${k}`) }))}
                value={kind}
                onChange={(v) => v && setKind(v)}
                allowDeselect={false}
                w={280}
              />
              <Textarea label={t('tm.actionNote')} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} autosize minRows={2} maxLength={2000} />
              <Group>
                <Button type="submit" loading={act.isPending}>
                  {t('tm.saveAction')}
                </Button>
              </Group>
              {act.isError && <ErrorMessage error={act.error} />}
            </Stack>
          </form>
        )}
        {triage && form === 'close' && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              close.mutate();
            }}
          >
            <Stack gap="xs">
              <Radio.Group label={t('tm.outcome')} value={outcome} onChange={(v) => setOutcome(v)}>
                <Group gap="md" mt={4}>
                  {TM_OUTCOMES.map((o) => (
                    <Radio key={o} value={o} label={t(`tm.outcomes.${o}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea label={t('tm.closeNote')} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} autosize minRows={2} maxLength={2000} />
              <Group>
                <Button type="submit" loading={close.isPending}>
                  {t('tm.confirmClose')}
                </Button>
              </Group>
              {close.isError && <ErrorMessage error={close.error} />}
            </Stack>
          </form>
        )}
        {ack.isError && <ErrorMessage error={ack.error} />}
      </Stack>
    </Card>
  );
}
