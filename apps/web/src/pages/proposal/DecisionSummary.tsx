import { Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiLabel as AiLabelData, Proposal } from '@presence/shared';
import { provenanceUrl } from '../../api';
import { AiLabel } from '../../ui/AiLabel';
import { formatDateTime } from '../../ui/format';
import { ContentView } from './ContentView';
import { isSuggestions, SuggestionsView } from './ActivitySuggestions';
import { recordTypeLabel } from './ExplanationView';

/** Where the effect of an applied proposal can be seen in the app, when it is a page of it. */
function effectPath(p: Proposal): string | null {
  if (!p.effect || !p.personId) return null;
  if (p.effect.type === 'goal' || p.effect.type === 'care_plan') return `/people/${p.personId}?tab=plan`;
  return `/people/${p.personId}`;
}

/** The label the applied content carries elsewhere, built from the proposal itself. */
function labelOf(p: Proposal): AiLabelData | null {
  if (!p.decision || (p.status !== 'accepted' && p.status !== 'amended')) return null;
  return {
    proposalId: p.id,
    systemName: p.systemName,
    decidedBy: p.decision.decidedBy?.name ?? null,
    decidedAt: p.decision.decidedAt,
    amended: p.status === 'amended',
    automatic: p.decision.decidedBy === null,
  };
}

/** Who decided, when, why; the label of the result, the amended content and the links to the effect and its provenance. */
export function DecisionSummary({ proposal: p }: { proposal: Proposal }) {
  const { t } = useTranslation();
  if (!p.decision) return null;
  const label = labelOf(p);
  const path = effectPath(p);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-title">
      <Title order={2} id="decision-title" mb="sm" tabIndex={-1}>
        {t('proposal.decisionTitle')}
      </Title>
      <Stack gap="sm">
        <Text fw={700}>
          {t(`proposalStatuses.${p.status}`)} —{' '}
          {p.decision.decidedBy
            ? t('proposal.decidedBy', { name: p.decision.decidedBy.name, date: formatDateTime(p.decision.decidedAt) })
            : t('proposal.automaticDecision', { date: formatDateTime(p.decision.decidedAt) })}
        </Text>
        {p.decision.reason && (
          <Text style={{ whiteSpace: 'pre-wrap' }}>
            <strong>{t('proposal.reason')} :</strong> {p.decision.reason}
          </Text>
        )}
        {label && (
          <div>
            <AiLabel label={label} />
          </div>
        )}
        {p.status === 'amended' && p.decision.content !== undefined && p.decision.content !== null && (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('proposal.decidedContent')}
            </Title>
            {isSuggestions(p.kind, p.decision.content) ? <SuggestionsView items={p.decision.content.items} /> : <ContentView content={p.decision.content} />}
          </div>
        )}
        {p.effect && (
          <Text>
            <strong>{t('proposal.effect')} :</strong> {recordTypeLabel(p.effect.type)}
            {path && (
              <>
                {' · '}
                <Link className="inline-link" to={path}>
                  {t('proposal.effectLink')}
                </Link>
              </>
            )}
            {' · '}
            <a className="inline-link" href={provenanceUrl(p.id)} target="_blank" rel="noopener noreferrer">
              {t('proposal.provenance')}
              <VisuallyHidden> {t('proposal.newTab')}</VisuallyHidden>
            </a>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
