import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { can, endpoints, isApiError, keys, mapIssues, mondayOf, type RosterRequestInput } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { longDayKey } from './planning/days';

const WEIGHT_KEYS = ['myRoster.weights.1', 'myRoster.weights.2', 'myRoster.weights.3'] as const;
const weightKey = (w: number) => WEIGHT_KEYS[Math.min(3, Math.max(1, w)) - 1]!;

const WEEKS = 4;

/** Each staff member's published shifts (with an iCalendar link) and their requests for the next rosters. */
export function MyRosterPage() {
  const { t } = useTranslation();
  usePageTitle(t('myRoster.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const from = mondayOf(params.get('from') ?? todayIso());
  const to = addDaysIso(from, WEEKS * 7 - 1);
  const shifts = useQuery({ queryKey: keys.myShifts(from, to), queryFn: () => endpoints.myShifts(from, to), enabled: can.seeOwnRoster(me.role) });
  if (!can.seeOwnRoster(me.role)) return <Forbidden title={t('myRoster.title')} />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('myRoster.title')}</Title>
        <Text c="dimmed">{t('myRoster.intro')}</Text>
      </div>
      <Group gap="sm" align="end">
        <Button variant="default" onClick={() => setParams({ from: addDaysIso(from, -7 * WEEKS) })}>
          {t('myRoster.previous')}
        </Button>
        <Text fw={600} aria-live="polite">
          {t('myRoster.from', { from: formatDate(from), to: formatDate(to) })}
        </Text>
        <Button variant="default" onClick={() => setParams({ from: addDaysIso(from, 7 * WEEKS) })}>
          {t('myRoster.next')}
        </Button>
        <Anchor href="/api/rosters/me.ics" download>
          {t('myRoster.ical')}
        </Anchor>
      </Group>
      {shifts.isPending ? (
        <Loading />
      ) : shifts.error ? (
        <ErrorMessage error={shifts.error} />
      ) : shifts.data.length === 0 ? (
        <Text>{t('myRoster.none')}</Text>
      ) : (
        <ul className="my-shifts">
          {shifts.data.map((s) => (
            <li key={s.date} className={`my-shift shift-code-${s.code}`}>
              <span className="my-shift-date">
                {t(longDayKey(s.date))} {formatDate(s.date)}
              </span>
              <span>{t('myRoster.shiftLine', { label: s.label, start: s.startsAt.slice(11, 16), end: s.endsAt.slice(11, 16) })}</span>
            </li>
          ))}
        </ul>
      )}
      <MyRequests />
    </Stack>
  );
}

function MyRequests() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.myRosterRequests, queryFn: endpoints.myRosterRequests });
  const patterns = useQuery({ queryKey: keys.rosterShifts, queryFn: endpoints.rosterShifts });
  const codes = patterns.data ?? [];
  const [form, setForm] = useState<RosterRequestInput>({ date: addDaysIso(todayIso(), 14), kind: 'off', shift: null, weight: 2, note: '' });
  const add = useMutation({
    mutationFn: () => endpoints.addRosterRequest(form),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.myRosterRequests }),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => endpoints.withdrawRosterRequest(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.myRosterRequests }),
  });
  const errors: Record<string, string> =
    isApiError(add.error) && add.error.issues ? mapIssues(add.error.issues, (f) => ['date', 'shift', 'note', 'kind', 'weight'].includes(f)).fieldErrors : {};
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('myRoster.requestsTitle')}
        </Title>
        <Text size="sm">{t('myRoster.requestsIntro')}</Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Group align="end" wrap="wrap">
            <TextInput
              type="date"
              label={t('myRoster.date')}
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.currentTarget.value })}
              error={errors.date}
              required
            />
            <NativeSelect
              label={t('myRoster.kind')}
              value={form.kind}
              onChange={(e) => {
                const kind = e.currentTarget.value as RosterRequestInput['kind'];
                setForm({ ...form, kind, shift: kind === 'on' ? (form.shift ?? codes[0]?.code ?? null) : kind === 'leave' ? null : form.shift });
              }}
              data={(['off', 'on', 'leave'] as const).map((k) => ({ value: k, label: t(`myRoster.kinds.${k}`) }))}
            />
            {form.kind !== 'leave' && (
              <NativeSelect
                label={t('myRoster.shift')}
                value={form.shift ?? ''}
                onChange={(e) => setForm({ ...form, shift: e.currentTarget.value || null })}
                error={errors.shift}
                data={[
                  ...(form.kind === 'off' ? [{ value: '', label: t('myRoster.anyShift') }] : []),
                  ...codes.map((c) => ({ value: c.code, label: `${c.label} (${c.start}–${c.end})` })),
                ]}
              />
            )}
            <NativeSelect
              label={t('myRoster.weight')}
              value={String(form.weight)}
              onChange={(e) => setForm({ ...form, weight: Number(e.currentTarget.value) })}
              data={[1, 2, 3].map((w) => ({ value: String(w), label: t(weightKey(w)) }))}
            />
            <TextInput
              label={t('myRoster.note')}
              value={form.note ?? ''}
              onChange={(e) => setForm({ ...form, note: e.currentTarget.value })}
              error={errors.note}
            />
            <Button type="submit" loading={add.isPending}>
              {t('myRoster.add')}
            </Button>
          </Group>
        </form>
        {add.isSuccess && <Alert color="green">{t('myRoster.added')}</Alert>}
        {add.error && !Object.keys(errors).length && <ErrorMessage error={add.error} />}
        {list.data && list.data.length === 0 && <Text size="sm">{t('myRoster.noRequests')}</Text>}
        <List>
          {list.data?.map((r) => (
            <List.Item key={r.id}>
              <Group gap="xs">
                <span>
                  {t('myRoster.requestLine', {
                    date: formatDate(r.date),
                    kind: t(`myRoster.kinds.${r.kind}`),
                    shift: r.shift ? ` (${r.shift})` : '',
                    weight: t(weightKey(r.weight)),
                  })}
                  {r.note ? ` — ${r.note}` : ''}
                  {r.kind === 'leave' && ` · ${t(`myRoster.leaveStatus.${r.status}`)}`}
                </span>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => withdraw.mutate(r.id)}>
                  {t('myRoster.withdraw')}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
