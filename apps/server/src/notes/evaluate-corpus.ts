import { SIGNALS, type Signal, type SignalOccurrence } from './analyzer.js';

/** One annotated note of the corpus (apps/server/test/data/care-notes-*.jsonl, docs/note-annotation.md). */
export interface AnnotatedNote {
  id: string;
  text: string;
  signals: (SignalOccurrence & { surface?: string })[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScores {
  notes: number;
  perSignal: Record<Signal, Counts & { precision: number; recall: number; f1: number }>;
  micro: Counts & { precision: number; recall: number; f1: number };
  /** Over the matched mentions: share whose flag the analyser got right. */
  context: Record<'negated' | 'uncertain' | 'historical' | 'experiencer', { correct: number; total: number; accuracy: number }>;
  errors: { id: string; kind: 'fp' | 'fn' | 'context'; signal: Signal; surface: string; detail?: string }[];
}

const prf = (c: Counts) => {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
};

/**
 * Scores an analyser against annotated notes. A predicted mention matches a gold one when the
 * signal is the same and the spans overlap; each gold mention matches at most one prediction
 * (the one overlapping most). Context flags are compared on the matched pairs.
 */
export function scoreCorpus(notes: AnnotatedNote[], analyze: (text: string) => SignalOccurrence[]): CorpusScores {
  const counts = Object.fromEntries(SIGNALS.map((s) => [s, { tp: 0, fp: 0, fn: 0 }])) as Record<Signal, Counts>;
  const flags = ['negated', 'uncertain', 'historical', 'experiencer'] as const;
  const context = Object.fromEntries(flags.map((f) => [f, { correct: 0, total: 0, accuracy: 1 }])) as CorpusScores['context'];
  const errors: CorpusScores['errors'] = [];
  for (const note of notes) {
    const predicted = analyze(note.text);
    const used = new Set<number>();
    for (const gold of note.signals) {
      let best = -1;
      let bestOverlap = 0;
      predicted.forEach((p, i) => {
        if (used.has(i) || p.signal !== gold.signal) return;
        const overlap = Math.min(p.end, gold.end) - Math.max(p.start, gold.start);
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = i;
        }
      });
      const surface = note.text.slice(gold.start, gold.end);
      if (best < 0) {
        counts[gold.signal].fn++;
        errors.push({ id: note.id, kind: 'fn', signal: gold.signal, surface });
        continue;
      }
      used.add(best);
      counts[gold.signal].tp++;
      const p = predicted[best]!;
      for (const f of flags) {
        context[f].total++;
        if (p[f] === gold[f]) context[f].correct++;
        else errors.push({ id: note.id, kind: 'context', signal: gold.signal, surface, detail: `${f}: expected ${String(gold[f])}` });
      }
    }
    predicted.forEach((p, i) => {
      if (used.has(i)) return;
      counts[p.signal].fp++;
      errors.push({ id: note.id, kind: 'fp', signal: p.signal, surface: note.text.slice(p.start, p.end) });
    });
  }
  for (const f of flags) context[f].accuracy = context[f].total === 0 ? 1 : context[f].correct / context[f].total;
  const total = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    notes: notes.length,
    perSignal: Object.fromEntries(SIGNALS.map((s) => [s, prf(counts[s])])) as CorpusScores['perSignal'],
    micro: prf(total),
    context,
    errors,
  };
}

/** Parses a JSON-lines corpus; throws naming the line of the first malformed one. */
export function parseCorpus(text: string): AnnotatedNote[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as AnnotatedNote;
      } catch {
        throw new Error(`line ${n}: not valid JSON`);
      }
    });
}
