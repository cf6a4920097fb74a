// Roster solver against the HiGHS MIP peer on the Curtois & Qu benchmark (instances 1–24), in one run: for every
// instance and time limit, the solver with each seed and HiGHS once (it is deterministic), each in its own worker
// thread, two at a time (one per core). Every roster is re-checked by the independent evaluator. Prints one JSON line;
// each finished row also goes to stderr as it lands.
// Run: npx tsx bench/roster.ts   (LIMITS=10,60 SEEDS=1,2,3 INSTANCES=1-24 PARALLEL=2 by default)
import { readFileSync } from 'node:fs';
import { parseInstance } from '../apps/server/src/roster/benchmark-format.js';
import type { RosterModel } from '../apps/server/src/roster/model.js';
import { runRoster, type RosterEngine } from '../apps/server/src/roster/run.js';

const DIR = new URL('../../shared/bench/rostering/', import.meta.url);
const LIMITS = (process.env.LIMITS ?? '10,60').split(',').map(Number);
const SEEDS = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
const PARALLEL = Number(process.env.PARALLEL ?? 2);
const [from, to] = (process.env.INSTANCES ?? '1-24').split('-').map(Number);
const bestKnown = new Map(
  readFileSync(new URL('best-known.csv', DIR), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([name, value]) => [name, Number(value)] as const),
);
const median = (xs: number[]): number | null => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);

interface Task {
  name: string;
  model: RosterModel;
  limit: number;
  engine: RosterEngine;
  seed: number;
}
interface Outcome {
  feasible: boolean;
  objective: number | null;
  secondsToBest: number | null;
  status?: string;
  bound?: number | null;
  error?: string;
}

const tasks: Task[] = [];
for (let n = from; n <= (to ?? from); n++) {
  const name = `Instance${n}.txt`;
  const model = parseInstance(readFileSync(new URL(name, DIR), 'utf8'), name);
  for (const limit of LIMITS) {
    tasks.push({ name, model, limit, engine: 'highs', seed: 0 });
    for (const seed of SEEDS) tasks.push({ name, model, limit, engine: 'solver', seed });
  }
}

async function run(t: Task): Promise<Outcome> {
  try {
    const r = await runRoster(t.model, { engine: t.engine, seconds: t.limit, seed: t.seed }).result;
    const feasible = r.evaluation?.feasible ?? false; // the evaluator, not the engine, decides
    return { feasible, objective: feasible ? r.evaluation.objective : null, secondsToBest: r.secondsToBest, status: r.status, bound: r.bound };
  } catch (err) {
    return { feasible: false, objective: null, secondsToBest: null, error: err instanceof Error ? err.message : String(err) };
  }
}

const outcomes = new Map<Task, Outcome>();
let next = 0;
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    while (next < tasks.length) {
      const t: Task = tasks[next++];
      outcomes.set(t, await run(t));
      const done = [...outcomes.keys()].filter((x: Task) => x.name === t.name && x.limit === t.limit).length;
      if (done === SEEDS.length + 1) console.error(JSON.stringify(row(t.name, t.limit)));
    }
  }),
);

function row(name: string, limit: number) {
  const mine = tasks.filter((t) => t.name === name && t.limit === limit);
  const solver = mine.filter((t) => t.engine === 'solver').map((t) => ({ seed: t.seed, ...outcomes.get(t) }));
  const highs = outcomes.get(mine.find((t) => t.engine === 'highs'));
  const feasible = solver.filter((r) => r.feasible).map((r) => r.objective);
  const m = median(feasible);
  const bk = bestKnown.get(name);
  const gap = (v: number | null) => (v === null ? null : Math.round(((v - bk) / bk) * 1e4) / 1e4);
  return {
    instance: name,
    seconds: limit,
    bestKnown: bk,
    feasibleRuns: feasible.length,
    median: m,
    min: feasible.length ? Math.min(...feasible) : null,
    max: feasible.length ? Math.max(...feasible) : null,
    gap: gap(m),
    highs: {
      objective: highs.objective,
      status: highs.status ?? null,
      bound: highs.bound === undefined || highs.bound === null ? null : Math.round(highs.bound),
      gap: gap(highs.objective),
      error: highs.error,
    },
    solverAhead: m !== null && (highs.objective === null || m < highs.objective),
    runs: solver,
  };
}

const results = [];
for (let n = from; n <= (to ?? from); n++) for (const limit of LIMITS) results.push(row(`Instance${n}.txt`, limit));
console.log(JSON.stringify({ bench: 'roster', limits: LIMITS, seeds: SEEDS, parallel: PARALLEL, date: new Date().toISOString().slice(0, 10), results }));
