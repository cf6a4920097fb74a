import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiLabel as AiLabelData } from '@presence/shared';
import { formatDate } from './format';

/** The sentence of an AI label: « Proposé par l’IA · validé par <nom> le <date> » (or modified, or applied automatically). */
export function useAiLabelText(): (label: AiLabelData) => string {
  const { t } = useTranslation();
  return (label) => {
    if (label.automatic) return t('aiLabel.automatic');
    const vars = { name: label.decidedBy ?? t('aiLabel.unknownDecider'), date: formatDate(label.decidedAt) };
    return label.amended ? t('aiLabel.amended', vars) : t('aiLabel.validated', vars);
  };
}

/**
 * Marks content that came from an AI proposal, wherever it is shown (and printed): a small "IA" badge
 * plus the full sentence, so the meaning never rests on colour. Staff who may read proposals get a link to it.
 */
export function AiLabel({ label, linkToProposal = false }: { label: AiLabelData; linkToProposal?: boolean }) {
  const { t } = useTranslation();
  const text = useAiLabelText();
  const box = (
    <span className={label.automatic ? 'ai-label ai-label-automatic' : 'ai-label'}>
      <span className="ai-label-badge" aria-hidden="true">
        {t('aiLabel.badge')}
      </span>
      <span>{text(label)}</span>
    </span>
  );
  if (!linkToProposal) return box;
  return (
    <span className="ai-label-wrap">
      {box}
      <Link className="ai-label-link" to={`/proposals/${label.proposalId}`}>
        {t('aiLabel.seeProposal')}
      </Link>
    </span>
  );
}
