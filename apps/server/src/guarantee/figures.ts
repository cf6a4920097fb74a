import type { ProposalFigures } from '@presence/shared';
import { canonicalJson } from '../audit/canonical-json.js';
import { median } from '../lib/stats.js';

export interface FigureInput {
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  content?: unknown;
  decidedContent?: unknown;
  /** Whether the decided content equals the proposed one, when the database compared them already. */
  sameContent?: boolean;
}

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** Pure: the guarantee figures of a set of proposals. Amended content equal to the proposal counts as unedited. */
export function computeFigures(rows: FigureInput[], objections: number): ProposalFigures {
  const by = (s: string) => rows.filter((r) => r.status === s).length;
  const accepted = by('accepted');
  const amended = by('amended');
  const rejected = by('rejected');
  const decided = accepted + amended + rejected;
  const unedited = rows.filter(
    (r) => r.status === 'accepted' || (r.status === 'amended' && (r.sameContent ?? canonicalJson(r.decidedContent) === canonicalJson(r.content))),
  ).length;
  const hours = rows.filter((r) => r.decidedAt).map((r) => (r.decidedAt!.getTime() - r.createdAt.getTime()) / 3_600_000);
  const med = median(hours);
  return {
    proposals: rows.length,
    decided,
    pending: by('pending'),
    accepted,
    amended,
    rejected,
    expired: by('expired'),
    withdrawn: by('withdrawn'),
    acceptanceRate: rate(accepted, decided),
    amendmentRate: rate(amended, decided),
    rejectionRate: rate(rejected, decided),
    uneditedAcceptanceRate: rate(unedited, decided),
    medianHoursToDecision: med === null ? null : Math.round(med * 100) / 100,
    objections,
  };
}
