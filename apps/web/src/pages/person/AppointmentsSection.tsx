import { Anchor, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_KINDS, TRANSPORTS, WEEKDAYS, type PersonDetail } from '@presence/shared';
import {
  can,
  followupEndpoints,
  followupKeys,
  guaranteeEndpoints,
  guaranteeKeys,
  isApiError,
  fieldErrorOf,
  type Appointment,
  type AppointmentConflict,
  type AppointmentInput,
  type SlotSuggestion,
} from '../../api';
import { AiLabel } from '../../ui/AiLabel';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { Loading } from '../../ui/Loading';
import { addDaysIso, formatDateTime, todayIso } from '../../ui/format';

const when = (local: string) => formatDateTime(`${local}:00`);

/** A person's appointments: list with conflicts and reminders, booking, slot suggestions, routines, calendar file. */
export function AppointmentsSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({ queryKey: followupKeys.appointments(person.id), queryFn: () => followupEndpoints.appointments(person.id) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  const now = new Date().toISOString().slice(0, 16);
  const upcoming = list.data.filter((a) => a.end >= now && a.status === 'planned');
  const past = list.data.filter((a) => !upcoming.includes(a)).reverse();

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2}>{t('appointments.upcoming')}</Title>
            <Anchor href={`/api/people/${person.id}/appointments.ics`} download>
              {t('appointments.ics')}
            </Anchor>
          </Group>
          {upcoming.length === 0 && <Text>{t('appointments.none')}</Text>}
          {upcoming.map((a) => (
            <AppointmentCard key={a.id} a={a} personId={person.id} />
          ))}
        </Stack>
      </Card>
      {can.bookAppointment(me.role) && <SlotFinder personId={person.id} />}
      {can.bookAppointment(me.role) && <BookingForm personId={person.id} />}
      <RoutinesCard personId={person.id} />
      {past.length > 0 && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2}>{t('appointments.past')}</Title>
            {past.map((a) => (
              <AppointmentCard key={a.id} a={a} personId={person.id} />
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function Conflicts({ conflicts }: { conflicts: AppointmentConflict[] }) {
  const { t } = useTranslation();
  if (!conflicts.length) return <Text size="sm">{t('appointments.noConflict')}</Text>;
  return (
    <ul className="appointment-conflicts" aria-label={t('appointments.conflicts')}>
      {conflicts.map((c, k) => (
        <li key={k} className={c.severity === 'blocking' ? 'conflict-blocking' : 'conflict-warning'}>
          <Badge color={c.severity === 'blocking' ? 'red.9' : '#9a3412'} mr={6}>
            {t(`appointments.severity.${c.severity}`)}
          </Badge>
          {c.message}
        </li>
      ))}
    </ul>
  );
}

function AppointmentCard({ a, personId }: { a: Appointment; personId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const status = useMutation({
    mutationFn: (s: 'done' | 'cancelled') => followupEndpoints.setAppointmentStatus(personId, a.id, s),
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.appointments(personId) }),
  });
  return (
    <Card withBorder padding="sm" className={`appointment-card appointment-${a.status}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>
            {when(a.start)} – {a.end.slice(11)} · {a.label}
          </Text>
          <Group gap={6}>
            <Badge color="gray.8">{t(`appointments.kinds.${a.kind}`)}</Badge>
            <Badge color={a.status === 'planned' ? 'blue.9' : a.status === 'done' ? 'green.9' : 'gray.7'}>{t(`appointments.statuses.${a.status}`)}</Badge>
          </Group>
        </Group>
        {a.aiLabel && <AiLabel label={a.aiLabel} />}
        <Text size="sm">
          {t(`appointments.settings.${a.setting}`)}
          {a.location && ` · ${a.location}`}
          {a.setting === 'external' && ` · ${t(`appointments.transports.${a.transport}`)} · ${t('appointments.travelEach', { count: a.travelMinutes })}`}
          {a.accompaniedBy && ` · ${t('appointments.accompaniedBy', { name: a.accompaniedBy.name })}`}
        </Text>
        {a.status === 'planned' && <Conflicts conflicts={a.conflicts} />}
        {a.reminders.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('appointments.reminders')}
            </Text>
            <ul className="appointment-reminders">
              {a.reminders.map((r) => (
                <li key={r.id}>
                  <Badge color={{ sent: 'green.9', pending: 'blue.9', stored: '#9a3412', failed: 'red.9', cancelled: 'gray.7' }[r.status]} mr={6}>
                    {t(`appointments.reminderStatus.${r.status}`)}
                  </Badge>
                  {t(`appointments.channels.${r.channel}`)} → {r.recipient} ({r.address}), {formatDateTime(r.sendAt)}
                  {r.status === 'stored' && <Text size="sm">{r.lastError}</Text>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {a.status === 'planned' && can.bookAppointment(me.role) && (
          <Group gap="xs">
            <Button size="sm" variant="outline" onClick={() => status.mutate('done')} loading={status.isPending}>
              {t('appointments.markDone')}
            </Button>
            <Button size="sm" variant="outline" color="red.9" onClick={() => status.mutate('cancelled')} loading={status.isPending}>
              {t('appointments.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

const EMPTY: AppointmentInput = {
  kind: 'consultation',
  setting: 'external',
  label: '',
  location: '',
  start: '',
  end: '',
  transport: 'vsl',
  travelMinutes: 20,
  accompaniedBy: null,
  notes: '',
};

function CommonFields({
  value,
  set,
}: {
  value: Pick<AppointmentInput, 'kind' | 'setting' | 'label' | 'location' | 'transport' | 'travelMinutes' | 'accompaniedBy'>;
  set: (p: Partial<AppointmentInput>) => void;
}) {
  const { t } = useTranslation();
  const staff = useQuery({ queryKey: followupKeys.staff, queryFn: followupEndpoints.staff });
  return (
    <>
      <Group wrap="wrap" align="flex-end">
        <Select
          label={t('appointments.kind')}
          data={APPOINTMENT_KINDS.map((k) => ({ value: k, label: t(`appointments.kinds.${k}`) }))}
          value={value.kind}
          onChange={(v) => v && set({ kind: v })}
          allowDeselect={false}
          w={220}
        />
        <SegmentedControl
          aria-label={t('appointments.setting')}
          data={(['external', 'internal'] as const).map((s) => ({ value: s, label: t(`appointments.settings.${s}`) }))}
          value={value.setting}
          onChange={(v) => set(v === 'internal' ? { setting: 'internal', transport: 'none', travelMinutes: 0 } : { setting: 'external' })}
        />
      </Group>
      <TextInput label={t('appointments.label')} value={value.label} onChange={(e) => set({ label: e.currentTarget.value })} required />
      <TextInput label={t('appointments.location')} value={value.location ?? ''} onChange={(e) => set({ location: e.currentTarget.value })} />
      {value.setting === 'external' && (
        <Group wrap="wrap" align="flex-end">
          <Select
            label={t('appointments.transport')}
            data={TRANSPORTS.map((k) => ({ value: k, label: t(`appointments.transports.${k}`) }))}
            value={value.transport ?? 'none'}
            onChange={(v) => v && set({ transport: v })}
            allowDeselect={false}
            w={240}
          />
          <NumberInput
            label={t('appointments.travel')}
            min={0}
            max={480}
            value={value.travelMinutes ?? 0}
            onChange={(v) => set({ travelMinutes: typeof v === 'number' ? v : 0 })}
            w={200}
          />
        </Group>
      )}
      <Select
        label={t('appointments.accompaniment')}
        placeholder={t('appointments.noAccompaniment')}
        data={(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${t(`roles.${s.role}` as 'roles.nurse')})` }))}
        value={value.accompaniedBy ?? null}
        onChange={(v) => set({ accompaniedBy: v })}
        clearable
        searchable
        w={360}
      />
    </>
  );
}

function BookingForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<AppointmentInput>(EMPTY);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [override, setOverride] = useState('');
  const set = (p: Partial<AppointmentInput>) => setV((x) => ({ ...x, ...p }));
  const body = (): AppointmentInput => ({ ...v, start: `${date}T${start}`, end: `${date}T${end}`, ...(override ? { overrideConflicts: override } : {}) });
  const check = useMutation({ mutationFn: () => followupEndpoints.checkAppointment(personId, body()) });
  const save = useMutation({
    mutationFn: () => followupEndpoints.createAppointment(personId, body()),
    onSuccess: () => {
      setV(EMPTY);
      setDate('');
      setStart('');
      setEnd('');
      setOverride('');
      check.reset();
      void qc.invalidateQueries({ queryKey: followupKeys.appointments(personId) });
    },
  });
  const err = save.error ?? check.error;
  const fieldError = (f: string) => fieldErrorOf(err, f);
  const blocked = save.error && isApiError(save.error) && save.error.status === 409;

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('appointments.book')}</Title>
        <CommonFields value={v} set={set} />
        <Group wrap="wrap" align="flex-end">
          <TextInput
            type="date"
            label={t('appointments.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fieldError('start')}
            required
          />
          <TextInput type="time" label={t('appointments.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} required />
          <TextInput type="time" label={t('appointments.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={fieldError('end')} required />
        </Group>
        {check.data && <Conflicts conflicts={check.data.conflicts} />}
        {blocked && (
          <Notice tone="danger" title={t('appointments.blocked')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{save.error.message}</Text>
              <TextInput label={t('appointments.overrideReason')} value={override} onChange={(e) => setOverride(e.currentTarget.value)} />
            </Stack>
          </Notice>
        )}
        {err && !blocked && <ErrorMessage error={err} />}
        <Group>
          <Button variant="outline" onClick={() => check.mutate()} loading={check.isPending} disabled={!date || !start || !end}>
            {t('appointments.check')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!date || !start || !end || !v.label}>
            {blocked && override ? t('appointments.bookAnyway') : t('appointments.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SlotFinder({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<AppointmentInput>({ ...EMPTY, label: '' });
  const [duration, setDuration] = useState(30);
  const [from, setFrom] = useState(addDaysIso(todayIso(), 1));
  const [to, setTo] = useState(addDaysIso(todayIso(), 14));
  const [preferred, setPreferred] = useState<'any' | 'morning' | 'afternoon'>('any');
  const set = (p: Partial<AppointmentInput>) => setV((x) => ({ ...x, ...p }));
  const suggest = useMutation({
    mutationFn: () =>
      followupEndpoints.suggestSlots(personId, {
        kind: v.kind,
        setting: v.setting,
        label: v.label,
        location: v.location,
        transport: v.transport,
        travelMinutes: v.travelMinutes,
        accompaniedBy: v.accompaniedBy,
        durationMinutes: duration,
        from,
        to,
        weekdays: [...WEEKDAYS.slice(0, 5)],
        preferred: preferred === 'any' ? null : preferred,
      }),
  });
  const choose = useMutation({
    mutationFn: async (k: number) => {
      const id = suggest.data!.proposalId!;
      if (k === 0) return guaranteeEndpoints.decide(id, { decision: 'accept' });
      const p = await guaranteeEndpoints.proposal(id);
      return guaranteeEndpoints.decide(id, {
        decision: 'amend',
        content: { ...(p.content as object), chosen: k },
        reason: t('appointments.choseSlot', { n: k + 1 }),
      });
    },
    onSuccess: () => {
      suggest.reset();
      void qc.invalidateQueries({ queryKey: followupKeys.appointments(personId) });
      void qc.invalidateQueries({ queryKey: guaranteeKeys.proposalsAll });
    },
  });
  const fieldError = (f: string) => fieldErrorOf(suggest.error, f);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('appointments.findSlot')}</Title>
        <Text size="sm">{t('appointments.findSlotHelp')}</Text>
        <CommonFields value={v} set={set} />
        <Group wrap="wrap" align="flex-end">
          <NumberInput
            label={t('appointments.duration')}
            min={5}
            max={720}
            value={duration}
            onChange={(x) => setDuration(typeof x === 'number' ? x : 30)}
            w={180}
          />
          <TextInput type="date" label={t('appointments.between')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fieldError('from')} />
          <TextInput type="date" label={t('appointments.and')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError('to')} />
          <SegmentedControl
            aria-label={t('appointments.preferred')}
            data={(['any', 'morning', 'afternoon'] as const).map((p) => ({ value: p, label: t(`appointments.preferredOptions.${p}`) }))}
            value={preferred}
            onChange={(x) => setPreferred(x)}
          />
        </Group>
        {suggest.error && !fieldError('from') && !fieldError('to') && <ErrorMessage error={suggest.error} />}
        <Group>
          <Button onClick={() => suggest.mutate()} loading={suggest.isPending} disabled={!v.label}>
            {t('appointments.suggest')}
          </Button>
        </Group>
        {suggest.data && suggest.data.suggestions.length === 0 && <Notice tone="warning">{t('appointments.noSlot')}</Notice>}
        {suggest.data && suggest.data.suggestions.length > 0 && (
          <Stack gap="xs" aria-live="polite">
            <Badge color="violet.9" size="lg">
              {t('appointments.aiProposal')}
            </Badge>
            {suggest.data.suggestions.map((s: SlotSuggestion, k) => (
              <Card key={s.start} withBorder padding="xs">
                <Group justify="space-between" wrap="wrap">
                  <div>
                    <Text fw={700}>
                      {k + 1}. {when(s.start)} – {s.end.slice(11)}
                    </Text>
                    <Text size="sm">{s.reasons.join(' ; ')}</Text>
                  </div>
                  <Button onClick={() => choose.mutate(k)} loading={choose.isPending && choose.variables === k}>
                    {t('appointments.chooseSlot')}
                  </Button>
                </Group>
              </Card>
            ))}
            {choose.error && <ErrorMessage error={choose.error} />}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function RoutinesCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const routines = useQuery({ queryKey: followupKeys.routines(personId), queryFn: () => followupEndpoints.routines(personId) });
  const [label, setLabel] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const update = (data: unknown) => qc.setQueryData(followupKeys.routines(personId), data);
  const add = useMutation({
    mutationFn: () => followupEndpoints.addRoutine(personId, { label, days: [...WEEKDAYS], start, end }),
    onSuccess: (data) => {
      update(data);
      setLabel('');
      setStart('');
      setEnd('');
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => followupEndpoints.removeRoutine(personId, id), onSuccess: update });
  const fieldError = (f: string) => fieldErrorOf(add.error, f);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('appointments.routines')}</Title>
        <Text size="sm">{t('appointments.routinesHelp')}</Text>
        {routines.data?.length === 0 && <Text>{t('appointments.noRoutine')}</Text>}
        <ul className="appointment-reminders">
          {routines.data?.map((r) => (
            <li key={r.id}>
              <Text span fw={600}>
                {r.label}
              </Text>{' '}
              {r.start}–{r.end}
              {r.days.length < 7 && ` (${r.days.map((d) => t(`weekdays.${d}`)).join(', ')})`}{' '}
              {can.editRoutines(me.role) && (
                <Button size="compact-sm" variant="subtle" onClick={() => remove.mutate(r.id)} aria-label={t('appointments.removeRoutine', { label: r.label })}>
                  {t('appointments.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {can.editRoutines(me.role) && (
          <Group wrap="wrap" align="flex-end">
            <TextInput label={t('appointments.routineLabel')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fieldError('label')} />
            <TextInput
              type="time"
              label={t('appointments.start')}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              error={fieldError('start')}
            />
            <TextInput type="time" label={t('appointments.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={fieldError('end')} />
            <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!label || !start || !end}>
              {t('appointments.addRoutine')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
