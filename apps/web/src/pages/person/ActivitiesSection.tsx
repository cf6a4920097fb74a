import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { PersonDetail } from '@presence/shared';
import { can, endpoints, keys, mondayOf } from '../../api';
import { guaranteeEndpoints, guaranteeKeys } from '../../api/guarantee';
import { AiLabel } from '../../ui/AiLabel';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { formatDate, todayIso } from '../../ui/format';
import { shortDayKey } from '../planning/days';

/** The person's suggested activities, always shown with their AI label; staff may ask the recommender for a new proposal. */
export function ActivitiesSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const current = useQuery({ queryKey: guaranteeKeys.activities(person.id), queryFn: () => guaranteeEndpoints.activities(person.id) });
  const run = useMutation({
    mutationFn: () => guaranteeEndpoints.recommendActivities(person.id),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: guaranteeKeys.proposalsAll });
      void navigate(`/proposals/${r.proposalId}`);
    },
  });

  return (
    <Card withBorder>
      <Stack gap="md">
        <Title order={2}>{t('personActivities.title')}</Title>
        {current.isPending && <Loading />}
        {current.isError && <ErrorMessage error={current.error} />}
        {current.data === null && <Text>{t('personActivities.none')}</Text>}
        {current.data && (
          <>
            {current.data.aiLabel && <AiLabel label={current.data.aiLabel} linkToProposal={can.seeProposals(me.role)} />}
            <List type="ordered" spacing="sm" aria-label={t('personActivities.listLabel')}>
              {current.data.items.map((item) => (
                <List.Item key={item.rank}>
                  <Text fw={700} component="span">
                    {item.activity.name}
                  </Text>{' '}
                  <Text component="span">({t('personActivities.minutes', { count: item.activity.durationMinutes })})</Text>
                  <Text size="sm">{item.activity.description}</Text>
                  {item.reasons.length > 0 && (
                    <Text size="sm">
                      {t('personActivities.why')} : {item.reasons.join(' · ')}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {can.runRecommender(me.role) && (
          <Group>
            <Stack gap={4}>
              <Button onClick={() => run.mutate()} loading={run.isPending} w="fit-content">
                {t('personActivities.run')}
              </Button>
              <Text size="sm">{t('personActivities.runHelp')}</Text>
            </Stack>
          </Group>
        )}
        {run.isError && <ErrorMessage error={run.error} />}
        <WeekInvitations personId={person.id} />
      </Stack>
    </Card>
  );
}

/** The person's invitations this week, from the published programme, with their attendance once recorded. */
function WeekInvitations({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const week = mondayOf(todayIso());
  const sessions = useQuery({ queryKey: keys.personSessions(personId, week), queryFn: () => endpoints.personSessions(personId, week) });
  return (
    <Stack gap="xs">
      <Title order={3}>{t('personSessions.title')}</Title>
      {sessions.isPending && <Loading />}
      {sessions.isError && <ErrorMessage error={sessions.error} />}
      {sessions.data?.length === 0 && <Text>{t('personSessions.none')}</Text>}
      {sessions.data && sessions.data.length > 0 && (
        <List spacing="xs">
          {sessions.data.map((s) => (
            <List.Item key={s.id}>
              {t(shortDayKey(s.day))} {formatDate(s.day)} · {s.start}–{s.end} · <strong>{s.activityName}</strong> ({s.room})
              {s.participants[0]?.attendance && <> — {t(`sessions.${s.participants[0].attendance.status}`)}</>}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
