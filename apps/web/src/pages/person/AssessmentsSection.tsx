import { Badge, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_SCALES, type AssessmentScale, type PersonDetail } from '@presence/shared';
import { assessmentsEndpoints, assessmentsKeys, can, isApiError, issueMessage, type AssessmentDue, type ScaleDefinition } from '../../api';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { Loading } from '../../ui/Loading';
import { formatDate, formatDateTime } from '../../ui/format';

type Adverbs = { S: boolean; T: boolean; C: boolean; H: boolean };
const ADVERB_KEYS = ['S', 'T', 'C', 'H'] as const;
const ALL_YES: Adverbs = { S: true, T: true, C: true, H: true };

/** Spec §1.3: all four adverbs → A, none → C, some → B (shown beside each row as the evaluator answers). */
const code = (a: Adverbs) => {
  const n = ADVERB_KEYS.filter((k) => a[k]).length;
  return n === 4 ? 'A' : n === 0 ? 'C' : 'B';
};

/** The scale a due item calls for, when one scale answers it. */
const SCALE_FOR_DUE: Partial<Record<string, AssessmentScale>> = { 'mna-sf': 'mna-sf', braden: 'braden', news2: 'news2', 'mini-gds': 'mini-gds' };

interface AggirVariable {
  key: string;
  label: string;
  description: string;
  subVariables: { key: string; label: string; description?: string }[];
  required: boolean;
}
interface Item {
  key: string;
  label: string;
  max?: number;
  points?: number[];
}

/** Assessments: what is due, a form per scale (the score is computed by the server's fixed rules), and the history. */
export function AssessmentsSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({ queryKey: assessmentsKeys.list(person.id), queryFn: () => assessmentsEndpoints.list(person.id) });
  const scales = useQuery({ queryKey: assessmentsKeys.scales, queryFn: assessmentsEndpoints.scales, staleTime: Infinity });
  const [start, setStart] = useState<{ scale: AssessmentScale; dueId?: string } | null>(null);

  if (list.isPending || scales.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  if (scales.isError) return <ErrorMessage error={scales.error} />;
  const open = list.data.due.filter((d) => !d.doneAt);

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2}>{t('assessments.due')}</Title>
          {open.length === 0 && <Text>{t('assessments.noneDue')}</Text>}
          {open.map((d) => (
            <DueRow key={d.id} personId={person.id} due={d} onStart={(scale) => setStart({ scale, dueId: d.id })} />
          ))}
        </Stack>
      </Card>
      {can.recordAssessment(me.role) && (
        <AssessmentForm
          key={`${start?.scale ?? ''}-${start?.dueId ?? ''}`}
          personId={person.id}
          scales={scales.data}
          initial={start}
          onDone={() => setStart(null)}
        />
      )}
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2}>{t('assessments.history')}</Title>
          {list.data.assessments.length === 0 ? (
            <Text>{t('assessments.noneYet')}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assessments.date')}</Table.Th>
                  <Table.Th>{t('assessments.scale')}</Table.Th>
                  <Table.Th>{t('assessments.result')}</Table.Th>
                  <Table.Th>{t('assessments.by')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.assessments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatDateTime(a.assessedAt)}</Table.Td>
                    <Table.Td>{scales.data.find((s) => s.id === a.scale)?.label ?? a.scale}</Table.Td>
                    <Table.Td>
                      <Text fw={600}>{a.summary}</Text>
                      {a.comment && <Text size="sm">{a.comment}</Text>}
                    </Table.Td>
                    <Table.Td>{a.assessedBy.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm">{t('assessments.rulesNote')}</Text>
        </Stack>
      </Card>
    </Stack>
  );
}

function DueRow({ personId, due, onStart }: { personId: string; due: AssessmentDue; onStart: (scale: AssessmentScale) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState(false);
  const scale = SCALE_FOR_DUE[due.kind];
  const close = useMutation({
    mutationFn: () => assessmentsEndpoints.closeDue(personId, due.id, note),
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentsKeys.list(personId) }),
  });
  const late = due.dueBy < new Date().toISOString().slice(0, 10);
  return (
    <Card withBorder padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t(`assessments.dueKinds.${due.kind}`, { defaultValue: due.kind })}</Text>
          <Badge color={late ? 'red.9' : 'gray.8'}>{t('assessments.dueBy', { date: formatDate(due.dueBy) })}</Badge>
        </Group>
        <Text size="sm">{due.reason}</Text>
        <Group gap="xs">
          {scale && can.recordAssessment(me.role) && <Button onClick={() => onStart(scale)}>{t('assessments.doIt')}</Button>}
          {can.closeDue(me.role) && !closing && (
            <Button variant="outline" onClick={() => setClosing(true)}>
              {t('assessments.markDone')}
            </Button>
          )}
        </Group>
        {closing && (
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('assessments.whatWasDone')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={close.error && isApiError(close.error) ? close.error.issues.map(issueMessage).join(' ') : undefined}
              w={360}
            />
            <Button onClick={() => close.mutate()} loading={close.isPending} disabled={note.trim().length < 3}>
              {t('assessments.confirmDone')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function AssessmentForm({
  personId,
  scales,
  initial,
  onDone,
}: {
  personId: string;
  scales: ScaleDefinition[];
  initial: { scale: AssessmentScale; dueId?: string } | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [scale, setScale] = useState<AssessmentScale>(initial?.scale ?? 'aggir');
  const def = scales.find((s) => s.id === scale)!;
  const [input, setInput] = useState<Record<string, unknown>>({});
  const [options, setOptions] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const choose = (s: AssessmentScale) => {
    setScale(s);
    setInput({});
    setOptions({});
    setSaved(null);
  };
  const body = { scale, input: scale === 'aggir' ? aggirInput(def, input) : input, options };
  const preview = useMutation({ mutationFn: () => assessmentsEndpoints.compute(body) });
  const record = useMutation({
    mutationFn: () => assessmentsEndpoints.record(personId, { ...body, dueId: initial?.scale === scale ? initial.dueId : undefined, comment }),
    onSuccess: (a) => {
      setSaved(a.summary);
      setInput({});
      setComment('');
      preview.reset();
      void qc.invalidateQueries({ queryKey: assessmentsKeys.list(personId) });
      onDone();
    },
  });
  const error = record.error ?? preview.error;

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('assessments.new')}</Title>
        <Select
          label={t('assessments.scale')}
          data={ASSESSMENT_SCALES.map((s) => ({ value: s, label: scales.find((x) => x.id === s)?.label ?? s }))}
          value={scale}
          onChange={(v) => v && choose(v)}
          allowDeselect={false}
          w={420}
        />
        {scale === 'aggir' && <AggirForm def={def} input={input} setInput={setInput} options={options} setOptions={setOptions} />}
        {scale === 'news2' && <News2Form def={def} input={input} setInput={setInput} />}
        {(scale === 'braden' || scale === 'mna-sf') && <PointsForm def={def} input={input} setInput={setInput} />}
        {(scale === 'mini-gds' || scale === 'gds-15') && <YesNoForm def={def} input={input} setInput={setInput} />}
        {def.options.includes('threshold') && (
          <NumberInput
            label={t('assessments.threshold')}
            description={t('assessments.thresholdHelp')}
            value={(options.threshold as number | undefined) ?? ''}
            onChange={(v) => setOptions((o) => ({ ...o, threshold: typeof v === 'number' ? v : undefined }))}
            w={240}
          />
        )}
        <TextInput label={t('assessments.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {error &&
          (isApiError(error) && error.issues.length ? (
            <IssuesList issues={error.issues.map((i) => `${i.field} : ${issueMessage(i)}`)} />
          ) : (
            <ErrorMessage error={error} />
          ))}
        {preview.data && !preview.isError && (
          <Notice tone="info" title={t('assessments.preview')}>
            {preview.data.summary}
          </Notice>
        )}
        {saved && (
          <Notice tone="success" title={t('assessments.saved')} role="status">
            {saved}
          </Notice>
        )}
        <Group>
          <Button variant="outline" onClick={() => preview.mutate()} loading={preview.isPending}>
            {t('assessments.compute')}
          </Button>
          <Button onClick={() => record.mutate()} loading={record.isPending}>
            {t('assessments.record')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function IssuesList({ issues }: { issues: string[] }) {
  const { t } = useTranslation();
  return (
    <Notice tone="danger" title={t('assessments.invalid')} role="alert">
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {issues.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </Notice>
  );
}

/** Adverb answers held per `variable` or `variable.sub`; sent as the nested adverb objects the spec's input takes. */
function aggirInput(def: ScaleDefinition, state: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of def.form.variables as AggirVariable[]) {
    if (v.subVariables.length === 0) out[v.key] = state[v.key] ?? ALL_YES;
    else out[v.key] = Object.fromEntries(v.subVariables.map((s) => [s.key, state[`${v.key}.${s.key}`] ?? ALL_YES]));
  }
  return out;
}

type News2Param = 'respirationRate' | 'spo2' | 'systolicBP' | 'pulse' | 'temperature';

interface FormProps {
  def: ScaleDefinition;
  input: Record<string, unknown>;
  setInput: (f: (i: Record<string, unknown>) => Record<string, unknown>) => void;
}

function AdverbRow({
  id,
  label,
  description,
  value,
  onChange,
}: {
  id: string;
  label: string;
  description?: string;
  value: Adverbs;
  onChange: (a: Adverbs) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="aggir-row">
      <legend>
        {label} <Badge color={{ A: 'green.9', B: '#9a3412', C: 'red.9' }[code(value)]}>{code(value)}</Badge>
      </legend>
      {description && <Text size="sm">{description}</Text>}
      <Group gap="md" wrap="wrap">
        {ADVERB_KEYS.map((k) => (
          <Checkbox
            key={k}
            id={`${id}-${k}`}
            size="md"
            label={t(`assessments.adverbs.${k}`)}
            checked={value[k]}
            onChange={(e) => onChange({ ...value, [k]: e.currentTarget.checked })}
          />
        ))}
      </Group>
    </fieldset>
  );
}

function AggirForm({
  def,
  input,
  setInput,
  options,
  setOptions,
}: FormProps & { options: Record<string, unknown>; setOptions: (f: (o: Record<string, unknown>) => Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const value = (key: string) => (input[key] as Adverbs | undefined) ?? ALL_YES;
  const set = (key: string) => (a: Adverbs) => setInput((i) => ({ ...i, [key]: a }));
  return (
    <Stack gap="xs">
      <Text size="sm">{t('assessments.aggirHelp')}</Text>
      {(def.form.variables as AggirVariable[]).map((v) =>
        v.subVariables.length === 0 ? (
          <AdverbRow key={v.key} id={`aggir-${v.key}`} label={v.label} description={v.description} value={value(v.key)} onChange={set(v.key)} />
        ) : (
          <fieldset key={v.key} className="aggir-variable">
            <legend>
              <strong>{v.label}</strong> — {v.description}
            </legend>
            {v.subVariables.map((s) => (
              <AdverbRow
                key={s.key}
                id={`aggir-${v.key}-${s.key}`}
                label={s.label}
                description={s.description}
                value={value(`${v.key}.${s.key}`)}
                onChange={set(`${v.key}.${s.key}`)}
              />
            ))}
          </fieldset>
        ),
      )}
      <Select
        label={t('assessments.alimentationRule')}
        data={[
          { value: 'guide', label: t('assessments.alimentationGuide') },
          { value: 'any-c', label: t('assessments.alimentationAnyC') },
        ]}
        value={(options.alimentation as string | undefined) ?? 'guide'}
        onChange={(v) => setOptions((o) => ({ ...o, alimentation: v ?? 'guide' }))}
        allowDeselect={false}
        w={420}
      />
    </Stack>
  );
}

function News2Form({ def, input, setInput }: FormProps) {
  const { t } = useTranslation();
  const ranges = def.form.ranges as Record<string, { min: number; max: number; unit: string }>;
  const num = (key: string) => (
    <NumberInput
      key={key}
      label={`${t(`assessments.news2.${key as News2Param}`)} (${ranges[key]!.unit})`}
      min={ranges[key]!.min}
      max={ranges[key]!.max}
      decimalScale={key === 'temperature' ? 1 : 0}
      value={(input[key] as number | undefined) ?? ''}
      onChange={(v) => setInput((i) => ({ ...i, [key]: typeof v === 'number' ? v : undefined }))}
      w={220}
    />
  );
  return (
    <Stack gap="xs">
      <Group wrap="wrap" align="flex-end">
        {Object.keys(ranges).map(num)}
      </Group>
      <Switch
        label={t('assessments.news2.oxygen')}
        checked={input.oxygen === true}
        onChange={(e) => setInput((i) => ({ ...i, oxygen: e.currentTarget.checked }))}
        size="md"
      />
      <Select
        label={t('assessments.news2.consciousness')}
        data={(['A', 'C', 'V', 'P', 'U'] as const).map((c) => ({ value: c, label: t(`assessments.news2.acvpu.${c}`) }))}
        value={(input.consciousness as string | undefined) ?? null}
        onChange={(v) => setInput((i) => ({ ...i, consciousness: v ?? undefined }))}
        w={320}
      />
      <Select
        label={t('assessments.news2.scale')}
        data={[
          { value: '1', label: t('assessments.news2.scale1') },
          { value: '2', label: t('assessments.news2.scale2') },
        ]}
        value={String((input.scale as number | undefined) ?? 1)}
        onChange={(v) => setInput((i) => ({ ...i, scale: Number(v ?? 1) }))}
        allowDeselect={false}
        w={420}
      />
    </Stack>
  );
}

function PointsForm({ def, input, setInput }: FormProps) {
  const items = def.form.items as Item[];
  return (
    <Stack gap="xs">
      {items.map((it) => {
        const points = it.points ?? Array.from({ length: it.max ?? 4 }, (_, k) => k + 1);
        return (
          <Select
            key={it.key}
            label={def.id === 'mna-sf' ? `${it.key}. ${it.label}` : it.label}
            data={points.map((p) => ({ value: String(p), label: String(p) }))}
            value={input[it.key] === undefined ? null : String(input[it.key])}
            onChange={(v) => setInput((i) => ({ ...i, [it.key]: v === null ? undefined : Number(v) }))}
            clearable={it.key === 'F1' || it.key === 'F2'}
            w={420}
          />
        );
      })}
    </Stack>
  );
}

function YesNoForm({ def, input, setInput }: FormProps) {
  const { t } = useTranslation();
  const items = (def.form.items as (Item | string)[]).map((it, k) => (typeof it === 'string' ? { key: `q${k + 1}`, label: it } : it));
  return (
    <Stack gap="xs">
      {items.map((it, k) => (
        <div key={it.key} role="group" aria-labelledby={`q-${def.id}-${it.key}`}>
          <Text id={`q-${def.id}-${it.key}`}>
            {k + 1}. {it.label}
          </Text>
          <SegmentedControl
            data={[
              { value: 'yes', label: t('assessments.yes') },
              { value: 'no', label: t('assessments.no') },
            ]}
            value={input[it.key] === true ? 'yes' : input[it.key] === false ? 'no' : ''}
            onChange={(v) => setInput((i) => ({ ...i, [it.key]: v === 'yes' }))}
          />
        </div>
      ))}
    </Stack>
  );
}
