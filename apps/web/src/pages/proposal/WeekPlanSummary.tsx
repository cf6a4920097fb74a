import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

interface WeekPlanContent {
  runId: string;
  sessions: { participants: string[] }[];
}

export function isWeekPlan(kind: string, content: unknown): content is WeekPlanContent {
  return kind === 'activity.week_plan' && typeof content === 'object' && content !== null && 'runId' in content && 'sessions' in content;
}

/** A weekly plan is read and edited on the planning calendar; the proposal page summarises it and links there. */
export function WeekPlanSummary({ content }: { content: WeekPlanContent }) {
  const { t } = useTranslation();
  const invitations = content.sessions.reduce((n, s) => n + s.participants.length, 0);
  return (
    <Text>
      {t('planning.proposalContent', { sessions: content.sessions.length, invitations })}{' '}
      <Anchor component={Link} to={`/planning?run=${content.runId}`}>
        {t('planning.openCalendar')}
      </Anchor>
    </Text>
  );
}
