import { Badge, Button, Card, Checkbox, Code, Group, NumberInput, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TM_MISSED_KINDS, TM_PROGRAMMES, type PersonDetail } from '@presence/shared';
import {
  can,
  fieldErrorOf,
  tmEndpoints,
  tmKeys,
  type PersonTelemonitoring,
  type TmEnrolment,
  type TmParameter,
  type TmProgramme,
  type TmRule,
} from '../../api';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { formatDate, formatDateTime, nowForInput } from '../../ui/format';
import { DECIMALS, SeverityBadge } from '../telemonitoring/AlertCard';
import { SeriesChart, type ChartLine } from '../telemonitoring/SeriesChart';

const DAY = 86_400_000;

/** A datetime-local value → an ISO instant with its offset (the server refuses times without a zone). */
const toInstant = (local: string) => new Date(local).toISOString();

/** A person's telemonitoring: enrolment with consent, charts of each parameter with limits and alerts, entry, devices, settings. */
export function TelemonitoringSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const q = useQuery({ queryKey: tmKeys.person(person.id), queryFn: () => tmEndpoints.person(person.id) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const view = q.data;
  const active = view.enrolments.find((e) => e.status === 'active');
  if (!active)
    return (
      <Stack gap="md">
        <Notice tone="info">{t('tm.person.notEnrolled')}</Notice>
        {can.enrolTelemonitoring(me.role) && <EnrolForm personId={person.id} />}
      </Stack>
    );
  return (
    <Stack gap="md">
      <EnrolmentCard enrolment={active} />
      <Charts view={view} />
      <AlertsCard view={view} />
      {can.enterMeasurement(me.role) && <ManualEntry personId={person.id} parameters={view.parameters} />}
      <RulesCard view={view} />
      {can.setTelemonitoringSettings(me.role) && <SettingsForm personId={person.id} enrolment={active} view={view} />}
      <DevicesCard personId={person.id} view={view} />
      <MissedEvents personId={person.id} parameters={view.parameters} />
    </Stack>
  );
}

/** Deteriorations telemonitoring did not announce in time, recorded for the review panel. */
function MissedEvents({ personId, parameters }: { personId: string; parameters: TmParameter[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...tmKeys.person(personId), 'missed'], queryFn: () => tmEndpoints.missedEvents(personId) });
  const [v, setV] = useState({ occurredAt: nowForInput(), kind: 'hospitalisation', parameter: null as string | null, description: '' });
  const save = useMutation({
    mutationFn: () => tmEndpoints.recordMissedEvent(personId, { ...v, occurredAt: toInstant(v.occurredAt) }),
    onSuccess: () => {
      setV({ ...v, description: '' });
      return qc.invalidateQueries({ queryKey: [...tmKeys.person(personId), 'missed'] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="tm-missed">
      <Stack gap="sm">
        <Title order={2} id="tm-missed">
          {t('tm.missed.title')}
        </Title>
        <Text size="sm">{t('tm.missed.help')}</Text>
        {list.data && list.data.length === 0 && <Text>{t('tm.missed.none')}</Text>}
        {list.data && list.data.length > 0 && (
          <ul className="plain-list">
            {list.data.map((m) => (
              <li key={m.id}>
                {formatDateTime(m.occurredAt)} — {t(`tm.missed.kinds.${m.kind}`)}
                {m.parameter ? ` (${t(`tm.parameters.${m.parameter}`)})` : ''} : {m.description} — {t('tm.missed.alertsBefore', { count: m.alertsBefore })}
              </li>
            ))}
          </ul>
        )}
        {can.recordMissedEvent(me.role) && (
          <form onSubmit={(e) => (e.preventDefault(), save.mutate())}>
            <Stack gap="sm">
              <Group wrap="wrap" align="flex-start">
                <TextInput
                  type="datetime-local"
                  label={t('tm.missed.occurredAt')}
                  value={v.occurredAt}
                  onChange={(e) => setV({ ...v, occurredAt: e.currentTarget.value })}
                  error={fieldErrorOf(save.error, 'occurredAt')}
                  required
                />
                <Select
                  label={t('tm.missed.kind')}
                  data={TM_MISSED_KINDS.map((k) => ({ value: k, label: t(`tm.missed.kinds.${k}`) }))}
                  value={v.kind}
                  onChange={(k) => k && setV({ ...v, kind: k })}
                  allowDeselect={false}
                />
                <Select
                  label={t('tm.missed.parameter')}
                  placeholder={t('tm.missed.parameterNone')}
                  data={parameters.map((p) => ({ value: p, label: t(`tm.parameters.${p}`) }))}
                  value={v.parameter}
                  onChange={(p) => setV({ ...v, parameter: p })}
                  clearable
                />
              </Group>
              <Textarea
                label={t('tm.missed.description')}
                value={v.description}
                onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
                error={fieldErrorOf(save.error, 'description')}
                required
                autosize
                minRows={2}
              />
              {save.isSuccess && (
                <Notice tone="success" role="status">
                  {t('tm.missed.saved')}
                </Notice>
              )}
              {save.isError && !fieldErrorOf(save.error, 'occurredAt') && !fieldErrorOf(save.error, 'description') && <ErrorMessage error={save.error} />}
              <Button type="submit" w="fit-content" variant="outline" loading={save.isPending}>
                {t('tm.missed.record')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function EnrolmentCard({ enrolment: e }: { enrolment: TmEnrolment }) {
  const { t } = useTranslation();
  const current = e.settings[0];
  return (
    <Card withBorder>
      <Stack gap={4}>
        <Text fw={700}>{t('tm.person.enrolled', { date: formatDate(e.startedAt), programme: t(`tm.programmes.${e.programme}`) })}</Text>
        <Text size="sm">
          {t('tm.person.consent', { date: formatDate(e.consentAt), from: t(`tm.person.consentFromOptions.${e.consentFrom}`).toLowerCase() })}
          {e.consentNote && ` — ${e.consentNote}`}
        </Text>
        {current && (
          <Text size="sm">
            {t('tm.person.settingsVersion', { version: current.version, date: formatDateTime(current.setAt), name: current.setBy, reason: current.reason })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Threshold rules and the person's reference, as lines on a parameter's chart. */
function linesFor(view: PersonTelemonitoring, p: TmParameter, t: TFunction): ChartLine[] {
  const fmt = (v: number) => v.toFixed(DECIMALS[p]).replace('.', ',');
  const lines: ChartLine[] = [];
  const ref = view.references[p];
  if (ref !== undefined) lines.push({ value: ref, kind: 'reference', label: t('tm.referenceLine', { value: fmt(ref) }) });
  for (const r of view.rules)
    if (r.enabled && r.kind === 'threshold' && r.parameter === p)
      for (const v of [r.above, r.below]) if (v !== undefined) lines.push({ value: v, kind: 'threshold', label: t('tm.thresholdLine', { value: fmt(v) }) });
  return lines;
}

function Charts({ view }: { view: PersonTelemonitoring }) {
  const { t } = useTranslation();
  const to = new Date().toISOString();
  const first = view.measurements[0]?.at;
  const from = new Date(Math.max(Date.now() - 90 * DAY, first ? Date.parse(first) - DAY : Date.now() - 30 * DAY)).toISOString();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('tm.person.charts')}</Title>
        {view.measurements.length === 0 && <Text>{t('tm.person.noMeasurement')}</Text>}
        <div className="tm-charts">
          {view.parameters.map((p) => {
            const points = view.measurements.filter((m) => m.parameter === p);
            const markers = view.alerts
              .filter((a) => a.parameter === p && a.kind !== 'missing' && a.explanation.points.length > 0)
              .map((a) => ({
                at: a.at,
                value: a.explanation.points[a.explanation.points.length - 1]!.value,
                severity: a.severity,
                label: a.explanation.summary,
              }));
            return (
              <SeriesChart
                key={p}
                title={t(`tm.parameters.${p}`)}
                unit={t(`tm.units.${p}`)}
                decimals={DECIMALS[p]}
                points={points}
                from={from}
                to={to}
                lines={linesFor(view, p, t)}
                markers={markers}
              />
            );
          })}
        </div>
      </Stack>
    </Card>
  );
}

function AlertsCard({ view }: { view: PersonTelemonitoring }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('tm.person.alerts')}</Title>
        {view.alerts.length === 0 && <Text>{t('tm.person.noAlert')}</Text>}
        <ul className="tm-person-alerts">
          {view.alerts.slice(0, 30).map((a) => (
            <li key={a.id}>
              <Group gap={6} wrap="wrap">
                <SeverityBadge severity={a.severity} />
                <Badge color={a.status === 'closed' ? 'gray.7' : 'blue.9'}>
                  {a.status === 'closed' && a.outcome ? t(`tm.outcomes.${a.outcome}`) : t(`tm.status.${a.status}`)}
                </Badge>
                <Text size="sm">{formatDateTime(a.at)}</Text>
              </Group>
              <Text size="sm">{a.explanation.summary}</Text>
            </li>
          ))}
        </ul>
      </Stack>
    </Card>
  );
}

function RulesCard({ view }: { view: PersonTelemonitoring }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2}>{t('tm.person.rules')}</Title>
        <Text size="sm">{t('tm.person.rulesIntro')}</Text>
        <ul>
          {view.rules.map((r) => (
            <li key={r.id} className={r.enabled ? undefined : 'tm-rule-disabled'}>
              <SeverityBadge severity={r.severity} /> {r.text}
              {!r.enabled && ` (${t('tm.person.disabledRule')})`}
            </li>
          ))}
        </ul>
      </Stack>
    </Card>
  );
}

function EnrolForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [programme, setProgramme] = useState<TmProgramme>('heart_failure');
  const [at, setAt] = useState(nowForInput());
  const [from, setFrom] = useState<'person' | 'legal_representative'>('person');
  const [note, setNote] = useState('');
  const enrol = useMutation({
    mutationFn: () => tmEndpoints.enrol({ personId, programme, consent: { at: toInstant(at), from, note } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tmKeys.all }),
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          enrol.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('tm.person.enrolTitle')}</Title>
          <Select
            label={t('tm.person.programme')}
            data={TM_PROGRAMMES.map((p) => ({ value: p, label: t(`tm.programmes.${p}`) }))}
            value={programme}
            onChange={(v) => v && setProgramme(v)}
            allowDeselect={false}
            w={340}
          />
          <Group wrap="wrap" align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('tm.person.consentAt')}
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              error={fieldErrorOf(enrol.error, 'consent.at')}
              required
            />
            <Select
              label={t('tm.person.consentFrom')}
              data={(['person', 'legal_representative'] as const).map((v) => ({ value: v, label: t(`tm.person.consentFromOptions.${v}`) }))}
              value={from}
              onChange={(v) => v && setFrom(v)}
              allowDeselect={false}
              w={280}
            />
          </Group>
          <Textarea label={t('tm.person.consentNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          <Group>
            <Button type="submit" loading={enrol.isPending}>
              {t('tm.person.enrol')}
            </Button>
          </Group>
          {enrol.isError && <ErrorMessage error={enrol.error} />}
        </Stack>
      </form>
    </Card>
  );
}

function ManualEntry({ personId, parameters }: { personId: string; parameters: TmParameter[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [parameter, setParameter] = useState<TmParameter>(parameters[0] ?? 'body_weight');
  const [value, setValue] = useState<number | ''>('');
  const [at, setAt] = useState(nowForInput());
  const add = useMutation({
    mutationFn: () => tmEndpoints.manual(personId, { parameter, value: value === '' ? Number.NaN : value, at: toInstant(at) }),
    onSuccess: () => {
      setValue('');
      return qc.invalidateQueries({ queryKey: tmKeys.all });
    },
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('tm.person.manualTitle')}</Title>
          <Group wrap="wrap" align="flex-start">
            <Select
              label={t('tm.person.parameter')}
              data={parameters.map((p) => ({ value: p, label: `${t(`tm.parameters.${p}`)} (${t(`tm.units.${p}`)})` }))}
              value={parameter}
              onChange={(v) => v && setParameter(v)}
              allowDeselect={false}
              w={300}
            />
            <NumberInput
              label={t('tm.person.value')}
              value={value}
              onChange={(v) => setValue(typeof v === 'number' ? v : v === '' ? '' : Number(v.replace(',', '.')))}
              decimalScale={DECIMALS[parameter]}
              decimalSeparator=","
              error={fieldErrorOf(add.error, 'measurements.0.value') ?? fieldErrorOf(add.error, 'value')}
              required
              w={160}
            />
            <TextInput
              type="datetime-local"
              label={t('tm.person.at')}
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              error={fieldErrorOf(add.error, 'measurements.0.at') ?? fieldErrorOf(add.error, 'at')}
              required
            />
          </Group>
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('tm.person.addMeasurement')}
            </Button>
          </Group>
          {add.isSuccess && (
            <Notice tone="success" role="status">
              {add.data.accepted ? t('tm.person.measurementSaved', { count: add.data.alerts }) : t('tm.person.measurementDuplicate')}
            </Notice>
          )}
          {add.isError && <ErrorMessage error={add.error} />}
        </Stack>
      </form>
    </Card>
  );
}

/** The fields of a rule the physician may change here; other kinds are changed through the API. */
type Editable = Pick<TmRule, 'above' | 'below' | 'delta'>;
const strip = ({ enabled: _e, text: _t, ...rule }: TmRule) => rule;

function SettingsForm({ personId, enrolment, view }: { personId: string; enrolment: TmEnrolment; view: PersonTelemonitoring }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [refs, setRefs] = useState<Partial<Record<TmParameter, number | ''>>>(view.references);
  const [enabled, setEnabled] = useState<Record<string, boolean>>(Object.fromEntries(view.rules.map((r) => [r.id, r.enabled])));
  const [edits, setEdits] = useState<Record<string, Editable>>({});
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const previous = (enrolment.settings[0]?.overrides ?? []) as { id: string }[];
      const changed = view.rules.filter((r) => edits[r.id]).map((r) => ({ ...strip(r), ...edits[r.id] }));
      const overrides = [...previous.filter((o) => !changed.some((c) => c.id === o.id)), ...changed];
      const references = Object.fromEntries(Object.entries(refs).filter(([, v]) => v !== '' && v !== undefined)) as Partial<Record<TmParameter, number>>;
      return tmEndpoints.setSettings(personId, enrolment.id, {
        references,
        overrides,
        disabled: view.rules.filter((r) => !enabled[r.id]).map((r) => r.id),
        reason,
      });
    },
    onSuccess: () => {
      setReason('');
      setEdits({});
      return qc.invalidateQueries({ queryKey: tmKeys.all });
    },
  });
  const num = (r: TmRule, key: keyof Editable) => (
    <NumberInput
      label={t(`tm.person.${key}`)}
      value={edits[r.id]?.[key] ?? r[key] ?? ''}
      onChange={(v) => setEdits({ ...edits, [r.id]: { ...edits[r.id], [key]: typeof v === 'number' ? v : Number(v) } })}
      decimalScale={DECIMALS[r.parameter]}
      size="sm"
      w={130}
    />
  );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('tm.person.settingsTitle')}</Title>
          <Group wrap="wrap" align="flex-start">
            {view.parameters.map((p) => (
              <NumberInput
                key={p}
                label={t('tm.person.referenceFor', { parameter: t(`tm.parameters.${p}`), unit: t(`tm.units.${p}`) })}
                value={refs[p] ?? ''}
                onChange={(v) => setRefs({ ...refs, [p]: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
                decimalScale={DECIMALS[p]}
                error={fieldErrorOf(save.error, `references.${p}`)}
                w={260}
              />
            ))}
          </Group>
          <ul className="tm-rule-edit">
            {view.rules.map((r, k) => (
              <li key={r.id}>
                <Checkbox
                  label={`${r.text}`}
                  checked={enabled[r.id] ?? true}
                  onChange={(e) => setEnabled({ ...enabled, [r.id]: e.currentTarget.checked })}
                  aria-describedby={`rule-${k}-sev`}
                />
                <span id={`rule-${k}-sev`} className="visually-hidden">
                  {t('tm.severityLabel', { severity: t(`tm.severity.${r.severity}`) })}
                </span>
                {(r.kind === 'threshold' || r.kind === 'change') && (
                  <Group gap="xs" ml={32} mt={4}>
                    {r.kind === 'threshold' && r.above !== undefined && num(r, 'above')}
                    {r.kind === 'threshold' && r.below !== undefined && num(r, 'below')}
                    {r.kind === 'change' && num(r, 'delta')}
                  </Group>
                )}
              </li>
            ))}
          </ul>
          <TextInput
            label={t('tm.person.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldErrorOf(save.error, 'reason')}
            required
            minLength={3}
            maxLength={500}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('tm.person.saveSettings')}
            </Button>
          </Group>
          {save.isSuccess && (
            <Notice tone="success" role="status">
              {t('tm.person.settingsSaved')}
            </Notice>
          )}
          {save.isError && <ErrorMessage error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}

function DevicesCard({ personId, view }: { personId: string; view: PersonTelemonitoring }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [label, setLabel] = useState('');
  const add = useMutation({
    mutationFn: () => tmEndpoints.addDevice({ personId, label }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tmKeys.person(personId) }),
  });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('tm.person.devices')}</Title>
        {view.devices.length === 0 ? (
          <Text>{t('tm.person.noDevice')}</Text>
        ) : (
          <ul>
            {view.devices.map((d) => (
              <li key={d.id}>
                {d.label} — {d.lastMeasurementAt ? t('tm.person.deviceLast', { at: formatDateTime(d.lastMeasurementAt) }) : t('tm.person.deviceNever')}
              </li>
            ))}
          </ul>
        )}
        {can.addTelemonitoringDevice(me.role) && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Group wrap="wrap" align="flex-end">
              <TextInput
                label={t('tm.person.deviceLabel')}
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
                error={fieldErrorOf(add.error, 'label')}
                required
                maxLength={80}
              />
              <Button type="submit" loading={add.isPending}>
                {t('tm.person.addDevice')}
              </Button>
            </Group>
          </form>
        )}
        {add.isSuccess && (
          <Notice tone="warning" role="status">
            {t('tm.person.tokenOnce', { label })}
            <div>
              <Code>{add.data.token}</Code>
            </div>
          </Notice>
        )}
        {add.isError && <ErrorMessage error={add.error} />}
      </Stack>
    </Card>
  );
}
