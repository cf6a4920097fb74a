import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { can, endpoints, keys, mondayOf, type PublishedSession } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { longDayKey } from './planning/days';

/** The week's programme in large print, for residents and families: to read on a tablet or to print and post. */
export function ProgrammePage() {
  const { t } = useTranslation();
  usePageTitle(t('programme.title'));
  const me = useMe();
  const allowed = can.seeSessions(me.role);
  const [params] = useSearchParams();
  const week = mondayOf(params.get('week') ?? todayIso());
  const sessions = useQuery({ queryKey: keys.sessions(week), queryFn: () => endpoints.sessions(week), enabled: allowed });
  if (!allowed) return <Forbidden title={t('programme.title')} />;
  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <ErrorMessage error={sessions.error} />;
  const byDay = new Map<string, PublishedSession[]>();
  for (const s of sessions.data) (byDay.get(s.day) ?? byDay.set(s.day, []).get(s.day)!).push(s);
  const deciders = [...new Set(sessions.data.map((s) => s.aiLabel?.decidedBy).filter((x): x is string => Boolean(x)))];
  return (
    <Stack gap="lg" className="programme">
      <Group justify="space-between" className="no-print">
        <Text c="dimmed">{t('programme.help')}</Text>
        <Button onClick={() => window.print()}>{t('programme.print')}</Button>
      </Group>
      <div>
        <Title order={1} className="programme-title">
          {t('programme.heading', { from: formatDate(week), to: formatDate(addDaysIso(week, 6)) })}
        </Title>
      </div>
      {sessions.data.length === 0 && <Text size="xl">{t('programme.empty')}</Text>}
      {[...byDay.entries()].map(([day, list]) => (
        <section key={day} className="programme-day">
          <Title order={2} className="programme-day-title">
            {t(longDayKey(day))} {formatDate(day)}
          </Title>
          <ul className="programme-list">
            {list.map((s) => (
              <li key={s.id}>
                <span className="programme-time">
                  {s.start} – {s.end}
                </span>{' '}
                <strong>{s.activityName}</strong> <span className="programme-room">({s.room})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {deciders.length > 0 && (
        <Text size="lg" className="programme-footer">
          {t('programme.aiNote', { names: deciders.join(', ') })}
        </Text>
      )}
    </Stack>
  );
}
