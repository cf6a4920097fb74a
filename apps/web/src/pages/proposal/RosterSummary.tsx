import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

interface RosterContent {
  runId: string;
  assignments: Record<string, (string | null)[]>;
}

export function isRoster(kind: string, content: unknown): content is RosterContent {
  return kind === 'roster.period' && typeof content === 'object' && content !== null && 'runId' in content && 'assignments' in content;
}

/** A roster is read and edited on its grid; the proposal page summarises it and links there. */
export function RosterSummary({ content }: { content: RosterContent }) {
  const { t } = useTranslation();
  const lines = Object.values(content.assignments);
  const shifts = lines.reduce((n, l) => n + l.filter((c) => c !== null).length, 0);
  return (
    <Text>
      {t('roster.proposalContent', { staff: lines.length, days: lines[0]?.length ?? 0, shifts })}{' '}
      <Anchor component={Link} to={`/rosters?run=${content.runId}`}>
        {t('roster.openGrid')}
      </Anchor>
    </Text>
  );
}
