import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProposalStatus as Status } from '@presence/shared';

/** A proposal's status as a text badge (the words carry the meaning; colour only repeats it). */
export function ProposalStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  const color = status === 'pending' ? 'blue.9' : status === 'rejected' ? 'red.9' : status === 'accepted' || status === 'amended' ? 'teal.9' : 'gray.8';
  return (
    <Badge color={color} variant="outline" size="lg">
      {t(`proposalStatuses.${status}`)}
    </Badge>
  );
}
