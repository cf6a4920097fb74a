// Roster solver on the Curtois & Qu benchmark (instances 1–24): objective per instance at a time limit, median of the
// seeds with min and max, against the best-known values. Prints one JSON line.
// Run: npx tsx bench/roster.ts   (SECONDS=10 SEEDS=1,2,3 INSTANCES=1-24 by default)
import { readFileSync } from 'node:fs';
import { parseInstance } from '../apps/server/src/roster/benchmark-format.js';
import { evaluateRoster } from '../apps/server/src/roster/evaluate.js';
import { solveRoster } from '../apps/server/src/roster/solver.js';

const DIR = new URL('../../shared/bench/rostering/', import.meta.url);
const SECONDS = Number(process.env.SECONDS ?? 10);
const SEEDS = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
const [from, to] = (process.env.INSTANCES ?? '1-24').split('-').map(Number);
const best = new Map(
  readFileSync(new URL('best-known.csv', DIR), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([name, value]) => [name, Number(value)] as const),
);
const median = (xs: number[]): number | null => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const results: unknown[] = [];
for (let n = from; n <= (to ?? from); n++) {
  const name = `Instance${n}.txt`;
  const model = parseInstance(readFileSync(new URL(name, DIR), 'utf8'), name);
  const runs = SEEDS.map((seed) => {
    const r = solveRoster(model, { seconds: SECONDS, seed });
    const e = evaluateRoster(model, r.roster); // the evaluator, not the solver, decides
    return { seed, feasible: e.feasible, objective: e.feasible ? e.objective : null, secondsToBest: Math.round(r.secondsToBest * 10) / 10 };
  });
  const feasible = runs.filter((r) => r.feasible).map((r) => r.objective);
  const m = median(feasible);
  const bk = best.get(name);
  const row = {
    instance: name,
    bestKnown: bk,
    feasibleRuns: feasible.length,
    median: m,
    min: feasible.length ? Math.min(...feasible) : null,
    max: feasible.length ? Math.max(...feasible) : null,
    gapToBestKnown: m === null ? null : Math.round(((m - bk) / bk) * 1e4) / 1e4,
    runs,
  };
  results.push(row);
  console.error(JSON.stringify(row));
}
console.log(JSON.stringify({ bench: 'roster', seconds: SECONDS, seeds: SEEDS, date: new Date().toISOString().slice(0, 10), results }));
