import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, endpoints, keys, mondayOf, type AttendanceInput, type PublishedSession } from '../api';
import { AiLabel } from '../ui/AiLabel';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { shortDayKey } from './planning/days';

type Row = { status: AttendanceInput['status'] | ''; engagement: string; moodBefore: string; moodAfter: string; note: string };
const num = (v: string) => (v === '' ? null : Number(v));

/** Published sessions of a week; attendance, engagement and mood are recorded here after each session. */
export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessions.title'));
  const me = useMe();
  const allowed = can.seeSessions(me.role);
  const [params, setParams] = useSearchParams();
  const week = mondayOf(params.get('week') ?? todayIso());
  const sessions = useQuery({ queryKey: keys.sessions(week), queryFn: () => endpoints.sessions(week), enabled: allowed });
  const time = useQuery({
    queryKey: keys.timeWithPeople(week, addDaysIso(week, 6)),
    queryFn: () => endpoints.timeWithPeople(week, addDaysIso(week, 6)),
    enabled: can.seeTimeWithPeople(me.role),
  });
  if (!allowed) return <Forbidden title={t('sessions.title')} />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('sessions.title')}</Title>
        <Text c="dimmed">{t('sessions.intro')}</Text>
      </div>
      <Group gap="sm">
        <Button variant="default" onClick={() => setParams({ week: addDaysIso(week, -7) })}>
          {t('planning.previousWeek')}
        </Button>
        <Text fw={600}>{t('planning.weekOf', { date: formatDate(week) })}</Text>
        <Button variant="default" onClick={() => setParams({ week: addDaysIso(week, 7) })}>
          {t('planning.nextWeek')}
        </Button>
        <Anchor component={Link} to={`/programme?week=${week}`}>
          {t('planning.toProgramme')}
        </Anchor>
      </Group>
      {time.data && time.data.staff.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">
            {t('sessions.timeTitle')}
          </Title>
          <Table mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.staff')}</Table.Th>
                <Table.Th>{t('sessions.sessionsLed')}</Table.Th>
                <Table.Th>{t('sessions.minutesLed')}</Table.Th>
                <Table.Th>{t('sessions.personMinutes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {time.data.staff.map((s) => (
                <Table.Tr key={s.userId}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{s.sessions}</Table.Td>
                  <Table.Td>{s.minutes}</Table.Td>
                  <Table.Td>{s.personMinutes}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed" mt="xs">
            {t('sessions.peopleReached', { count: time.data.people.length, minutes: time.data.people.reduce((n, p) => n + p.minutes, 0) })}
          </Text>
        </Paper>
      )}
      {sessions.isPending ? (
        <Loading />
      ) : sessions.error ? (
        <ErrorMessage error={sessions.error} />
      ) : sessions.data.length === 0 ? (
        <Text>{t('sessions.none')}</Text>
      ) : (
        sessions.data.map((s) => <SessionCard key={s.id} session={s} week={week} canRecord={can.recordAttendance(me.role)} />)
      )}
    </Stack>
  );
}

function SessionCard({ session, week, canRecord }: { session: PublishedSession; week: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      session.participants.map((p) => [
        p.personId,
        {
          status: p.attendance?.status ?? '',
          engagement: p.attendance?.engagement != null ? String(p.attendance.engagement) : '',
          moodBefore: p.attendance?.moodBefore != null ? String(p.attendance.moodBefore) : '',
          moodAfter: p.attendance?.moodAfter != null ? String(p.attendance.moodAfter) : '',
          note: p.attendance?.note ?? '',
        },
      ]),
    ),
  );
  const save = useMutation({
    mutationFn: () =>
      endpoints.recordAttendance(
        session.id,
        Object.entries(rows)
          .filter(([, r]) => r.status !== '')
          .map(([personId, r]) => ({
            personId,
            status: r.status as AttendanceInput['status'],
            engagement: r.status === 'present' ? num(r.engagement) : null,
            moodBefore: num(r.moodBefore),
            moodAfter: num(r.moodAfter),
            note: r.note.trim() || null,
          })),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.sessions(week) }),
  });
  const set = (id: string, patch: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...r[id]!, ...patch } }));
  const levels = (max: number, from = 0) => [
    { value: '', label: '—' },
    ...Array.from({ length: max - from + 1 }, (_, i) => ({ value: String(i + from), label: String(i + from) })),
  ];
  const anyStatus = Object.values(rows).some((r) => r.status !== '');
  return (
    <Paper withBorder p="md" component="section" aria-label={`${session.activityName} ${formatDate(session.day)}`}>
      <Group justify="space-between" align="start">
        <div>
          <Title order={2} size="h4">
            {session.activityName}
          </Title>
          <Text size="sm">
            {t(shortDayKey(session.day))} {formatDate(session.day)} · {session.start}–{session.end} · {session.room} · {session.leader}
          </Text>
        </div>
        {session.aiLabel && <AiLabel label={session.aiLabel} linkToProposal />}
      </Group>
      <Table mt="sm" className="attendance-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.person')}</Table.Th>
            <Table.Th>{t('sessions.attendance')}</Table.Th>
            <Table.Th>{t('sessions.engagement')}</Table.Th>
            <Table.Th>{t('sessions.moodBefore')}</Table.Th>
            <Table.Th>{t('sessions.moodAfter')}</Table.Th>
            <Table.Th>{t('sessions.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {session.participants.map((p) => {
            const r = rows[p.personId]!;
            return (
              <Table.Tr key={p.personId}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/${p.personId}`}>
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    disabled={!canRecord}
                    aria-label={t('sessions.attendanceOf', { name: p.name })}
                    value={r.status}
                    onChange={(v) => set(p.personId, { status: v, ...(v !== 'present' ? { engagement: '' } : {}) })}
                    data={[
                      { value: 'present', label: t('sessions.present') },
                      { value: 'absent', label: t('sessions.absent') },
                      { value: 'declined', label: t('sessions.declined') },
                    ]}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={t('sessions.engagementOf', { name: p.name })}
                    disabled={!canRecord || r.status !== 'present'}
                    value={r.engagement}
                    data={levels(3)}
                    onChange={(e) => set(p.personId, { engagement: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={t('sessions.moodBeforeOf', { name: p.name })}
                    disabled={!canRecord}
                    value={r.moodBefore}
                    data={levels(5, 1)}
                    onChange={(e) => set(p.personId, { moodBefore: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={t('sessions.moodAfterOf', { name: p.name })}
                    disabled={!canRecord}
                    value={r.moodAfter}
                    data={levels(5, 1)}
                    onChange={(e) => set(p.personId, { moodAfter: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t('sessions.noteOf', { name: p.name })}
                    disabled={!canRecord}
                    maxLength={500}
                    value={r.note}
                    onChange={(e) => set(p.personId, { note: e.currentTarget.value })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {canRecord && (
        <Group mt="sm">
          <Button size="sm" onClick={() => save.mutate()} loading={save.isPending} disabled={!anyStatus}>
            {t('sessions.save')}
          </Button>
          {save.isSuccess && (
            <Text fw={700} size="sm">
              {t('sessions.saved', { count: save.data.recorded })}
            </Text>
          )}
        </Group>
      )}
      {save.error && <ErrorMessage error={save.error} />}
    </Paper>
  );
}
