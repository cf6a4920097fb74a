import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LEADER_SKILLS, ROOM_TYPES, WEEKDAYS } from '@presence/shared';
import { can, endpoints, isApiError, keys, mapIssues, type LeaderInput, type RoomInput, type SetupLeader, type SetupRoom } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';

const SKILLS = LEADER_SKILLS.filter((s) => s !== 'none');
const errorsOf = (err: unknown, fields: readonly string[]): Partial<Record<string, string>> =>
  isApiError(err) && err.issues ? mapIssues(err.issues, (f) => fields.includes(f)).fieldErrors : {};

/** Rooms and activity leaders (skills, days, hours): what the weekly planner plans with. */
export function PlanningSetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const me = useMe();
  const allowed = can.planWeek(me.role);
  const setup = useQuery({ queryKey: keys.planningSetup, queryFn: () => endpoints.planningSetup(), enabled: allowed });
  const [adding, setAdding] = useState('');
  if (!allowed) return <Forbidden title={t('setup.title')} />;
  if (setup.isPending) return <Loading />;
  if (setup.error) return <ErrorMessage error={setup.error} />;
  const leaderIds = new Set(setup.data.leaders.map((l) => l.id));
  const candidates = setup.data.staff.filter((s) => !leaderIds.has(s.id));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('setup.title')}</Title>
        <Text c="dimmed">{t('setup.intro')}</Text>
      </div>
      <Title order={2}>{t('setup.rooms')}</Title>
      {setup.data.rooms.map((r) => (
        <RoomRow key={r.id} room={r} />
      ))}
      <RoomRow key={`new-${setup.data.rooms.length}`} room={null} />
      <Title order={2}>{t('setup.leaders')}</Title>
      {setup.data.leaders.map((l) => (
        <LeaderRow key={l.id} leader={l} />
      ))}
      {candidates.length > 0 && (
        <Group align="end">
          <NativeSelect
            label={t('setup.addLeader')}
            value={adding}
            data={[{ value: '', label: t('setup.choose') }, ...candidates.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => setAdding(e.currentTarget.value)}
          />
        </Group>
      )}
      {adding && (
        <LeaderRow
          key={adding}
          leader={{
            id: adding,
            name: candidates.find((c) => c.id === adding)?.name ?? '',
            skills: ['animation'],
            weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
            start: '09:30',
            end: '17:30',
            maxSessions: 10,
          }}
          isNew
          onSaved={() => setAdding('')}
        />
      )}
    </Stack>
  );
}

function RoomRow({ room }: { room: SetupRoom | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<RoomInput>(() =>
    room ? { name: room.name, type: room.type, capacity: room.capacity, active: room.active } : { name: '', type: 'activity_room', capacity: 10, active: true },
  );
  const save = useMutation({
    mutationFn: () => (room ? endpoints.updateRoom(room.id, form) : endpoints.createRoom(form)),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.planningSetup }),
  });
  const errors = errorsOf(save.error, ['name', 'type', 'capacity']);
  const label = room ? t('setup.roomOf', { name: room.name }) : t('setup.newRoom');
  return (
    <Paper withBorder p="sm" component="form" aria-label={label} onSubmit={(e) => (e.preventDefault(), save.mutate())}>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('setup.roomName')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={errors.name}
          required
        />
        <NativeSelect
          label={t('catalogue.room')}
          value={form.type}
          data={ROOM_TYPES.map((x) => ({ value: x, label: t(`catalogue.roomTypes.${x}`) }))}
          onChange={(e) => setForm({ ...form, type: e.currentTarget.value as RoomInput['type'] })}
        />
        <NumberInput
          label={t('setup.capacity')}
          min={1}
          max={500}
          w={110}
          value={form.capacity}
          onChange={(v) => setForm({ ...form, capacity: Number(v) })}
          error={errors.capacity}
        />
        {room && <Checkbox label={t('setup.inUse')} checked={form.active} onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />}
        <Button type="submit" variant={room ? 'default' : 'filled'} loading={save.isPending}>
          {room ? t('setup.save') : t('setup.addRoom')}
        </Button>
        {save.isSuccess && <Text size="sm">{t('setup.saved')}</Text>}
      </Group>
      {save.error && Object.keys(errors).length === 0 && <ErrorMessage error={save.error} />}
    </Paper>
  );
}

function LeaderRow({ leader, isNew = false, onSaved }: { leader: SetupLeader; isNew?: boolean; onSaved?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<LeaderInput>({
    skills: leader.skills,
    weekdays: leader.weekdays,
    start: leader.start,
    end: leader.end,
    maxSessions: leader.maxSessions,
  });
  const save = useMutation({
    mutationFn: () => endpoints.saveLeader(leader.id, form),
    onSuccess: (data) => {
      client.setQueryData(keys.planningSetup, data);
      onSaved?.();
    },
  });
  const remove = useMutation({ mutationFn: () => endpoints.removeLeader(leader.id), onSuccess: (data) => client.setQueryData(keys.planningSetup, data) });
  const errors = errorsOf(save.error, ['skills', 'weekdays', 'start', 'end', 'maxSessions']);
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('setup.leaderOf', { name: leader.name })} onSubmit={(e) => (e.preventDefault(), save.mutate())}>
      <Stack gap="xs">
        <Text fw={700}>{leader.name}</Text>
        <Checkbox.Group label={t('setup.skills')} value={form.skills} onChange={(v) => setForm({ ...form, skills: v })} error={errors.skills}>
          <Group gap="sm" mt={4}>
            {SKILLS.map((s) => (
              <Checkbox key={s} value={s} label={t(`catalogue.skills.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group label={t('setup.days')} value={form.weekdays} onChange={(v) => setForm({ ...form, weekdays: v })} error={errors.weekdays}>
          <Group gap="sm" mt={4}>
            {WEEKDAYS.map((d) => (
              <Checkbox key={d} value={d} label={t(`weekdays.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group align="end" wrap="wrap">
          <TextInput
            type="time"
            label={t('setup.start')}
            value={form.start}
            onChange={(e) => setForm({ ...form, start: e.currentTarget.value })}
            error={errors.start}
          />
          <TextInput
            type="time"
            label={t('setup.end')}
            value={form.end}
            onChange={(e) => setForm({ ...form, end: e.currentTarget.value })}
            error={errors.end}
          />
          <NumberInput
            label={t('setup.maxSessions')}
            min={0}
            max={100}
            w={160}
            value={form.maxSessions}
            onChange={(v) => setForm({ ...form, maxSessions: Number(v) })}
            error={errors.maxSessions}
          />
          <Button type="submit" variant={isNew ? 'filled' : 'default'} loading={save.isPending}>
            {isNew ? t('setup.addThisLeader') : t('setup.save')}
          </Button>
          {!isNew && (
            <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('setup.removeLeader')}
            </Button>
          )}
          {save.isSuccess && !isNew && <Text size="sm">{t('setup.saved')}</Text>}
        </Group>
        {save.error && Object.keys(errors).length === 0 && <ErrorMessage error={save.error} />}
      </Stack>
    </Paper>
  );
}
