// Note analyser: precision, recall and F1 per signal, micro-F1 and context accuracy on the annotated
// corpora (apps/server/test/data, docs/note-annotation.md), and throughput on one core.
// Prints one JSON line. Usage: npx tsx bench/notes-analyzer.ts [--repeat 200]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeNote } from '../apps/server/src/notes/analyzer.js';
import { parseCorpus, scoreCorpus, type CorpusScores } from '../apps/server/src/notes/evaluate-corpus.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '200' } } });
const repeat = Number(values.repeat);
const load = (name: string) => parseCorpus(readFileSync(new URL(`../apps/server/test/data/care-notes-${name}.jsonl`, import.meta.url), 'utf8'));
const round = (x: number) => Math.round(x * 1000) / 1000;
const summary = (s: CorpusScores) => ({
  notes: s.notes,
  mentions: s.micro.tp + s.micro.fn,
  microPrecision: round(s.micro.precision),
  microRecall: round(s.micro.recall),
  microF1: round(s.micro.f1),
  context: Object.fromEntries(Object.entries(s.context).map(([k, v]) => [k, round(v.accuracy)])),
  perSignal: Object.fromEntries(
    Object.entries(s.perSignal).map(([k, v]) => [k, { p: round(v.precision), r: round(v.recall), f1: round(v.f1), n: v.tp + v.fn }]),
  ),
});
const dev = load('dev');
const test = load('test');
const texts = [...dev, ...test].map((n) => n.text);
// warm-up, then timed passes over the whole corpus (one thread)
for (const t of texts) analyzeNote(t);
const runs: number[] = [];
for (let r = 0; r < 5; r++) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < repeat / 5; i++) for (const t of texts) analyzeNote(t);
  runs.push(Number(process.hrtime.bigint() - started) / 1e9);
}
runs.sort((a, b) => a - b);
const notesPerRun = (texts.length * repeat) / 5;
const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
console.log(
  JSON.stringify({
    bench: 'notes-analyzer',
    test: summary(scoreCorpus(test, analyzeNote)),
    dev: summary(scoreCorpus(dev, analyzeNote)),
    throughput: { notesPerSecondMedian: Math.round(notesPerRun / runs[2]), meanNoteChars: Math.round(chars), notesPerRun, runs: runs.map(round) },
  }),
);
