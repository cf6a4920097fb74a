import { useTranslation } from 'react-i18next';
import type { ProposalFigures } from '@presence/shared';
import { formatNumber, formatPercent } from '../../ui/format';

export const FIGURE_KEYS = [
  'proposals',
  'decided',
  'pending',
  'accepted',
  'amended',
  'rejected',
  'expired',
  'withdrawn',
  'acceptanceRate',
  'amendmentRate',
  'rejectionRate',
  'uneditedAcceptanceRate',
  'medianHoursToDecision',
  'objections',
] as const satisfies readonly (keyof ProposalFigures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

const RATES: readonly FigureKey[] = ['acceptanceRate', 'amendmentRate', 'rejectionRate', 'uneditedAcceptanceRate'];

/** Each figure as text: counts as numbers, rates as percentages, the median in hours; "non applicable" when nothing was decided. */
export function useFigureFormat(): (key: FigureKey, figures: ProposalFigures) => string {
  const { t, i18n } = useTranslation();
  return (key, figures) => {
    const value = figures[key];
    if (value === null) return t('figures.notApplicable');
    if (RATES.includes(key)) return formatPercent(value, i18n.language) ?? t('figures.notApplicable');
    if (key === 'medianHoursToDecision') return t('figures.hours', { value: formatNumber(value, i18n.language) });
    return formatNumber(value, i18n.language);
  };
}
