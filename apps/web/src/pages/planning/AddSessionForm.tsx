import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanInstance, PlanSessionDraft } from '../../api';
import { formatDate } from '../../ui/format';

/** Add a session the planner did not propose: activity, slot, room and leader; then invite people on its card. */
export function AddSessionForm({ instance, onAdd }: { instance: PlanInstance; onAdd: (s: PlanSessionDraft) => void }) {
  const { t } = useTranslation();
  const first = (list: { id: string }[]) => list[0]?.id ?? '';
  const [activity, setActivity] = useState(() => first(instance.activities));
  const [slot, setSlot] = useState(() => first(instance.slots));
  const act = instance.activities.find((a) => a.id === activity);
  // Only rooms of a type the activity accepts, and leaders with its skill: the rest would be refused anyway.
  const rooms = instance.rooms.filter((r) => !act || act.roomTypes.includes(r.type));
  const leaders = instance.leaders.filter((l) => !act || act.skill === 'none' || l.skills.includes(act.skill));
  const [room, setRoom] = useState('');
  const [leader, setLeader] = useState('');
  const roomValue = rooms.some((r) => r.id === room) ? room : first(rooms);
  const leaderValue = leaders.some((l) => l.id === leader) ? leader : first(leaders);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-session-title">
      <Title order={2} size="h3" id="add-session-title">
        {t('planning.addTitle')}
      </Title>
      <Group align="end" mt="xs" wrap="wrap">
        <NativeSelect
          label={t('planning.addActivity')}
          value={activity}
          data={[...instance.activities].sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(e) => setActivity(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('planning.addSlot')}
          value={slot}
          data={instance.slots.map((s) => ({ value: s.id, label: `${formatDate(s.date)} ${s.start}–${s.end}` }))}
          onChange={(e) => setSlot(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('planning.addRoom')}
          value={roomValue}
          data={rooms.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(e) => setRoom(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('planning.addLeader')}
          value={leaderValue}
          data={leaders.map((l) => ({ value: l.id, label: l.name }))}
          onChange={(e) => setLeader(e.currentTarget.value)}
        />
        <Button
          variant="light"
          disabled={!activity || !slot || !roomValue || !leaderValue}
          onClick={() => onAdd({ activity, slot, room: roomValue, leader: leaderValue, participants: [] })}
        >
          {t('planning.add')}
        </Button>
      </Group>
    </Paper>
  );
}
