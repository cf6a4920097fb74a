// Weekly activity planner: heuristic quality and time against HiGHS on generated facilities of 30, 80 and 150 people
// (heuristic 2 s, 3 seeds; HiGHS exact mode warm-started, HIGHS_SECONDS each), and a group of 2,000 people
// (heuristic 30 s, gap to the combinatorial bound). Prints one JSON line.
// Run: npx tsx bench/planner.ts   (HIGHS_SECONDS=60 by default; SIZES=30,80 to restrict)
import { generateInstance } from '../apps/server/src/planner/generate.js';
import { solvePlan } from '../apps/server/src/planner/solve.js';

const HIGHS_SECONDS = Number(process.env.HIGHS_SECONDS ?? 60);
const SIZES = (process.env.SIZES ?? '30,80,150,2000').split(',').map(Number);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

const results: unknown[] = [];
for (const people of SIZES) {
  const inst = generateInstance({ people, seed: 'bench' });
  const large = people > 500;
  const seconds = large ? 30 : 2;
  interface Run {
    seed: number;
    objective: number;
    bound: number;
    secondsToBest: number;
    feasible: boolean;
    invited: number;
    invitations: number;
  }
  const runs: Run[] = [];
  for (const seed of [1, 2, 3]) {
    if (large && seed > 1) break;
    const r = await solvePlan(inst, { seconds, seed });
    runs.push({
      seed,
      objective: r.objective,
      bound: r.bound,
      secondsToBest: r.secondsToBest,
      feasible: r.feasible,
      invited: r.stats.invited,
      invitations: r.stats.invitations,
    });
  }
  let exact: { seconds: number; status: string; objective: number; bound: number; columns?: number; rows?: number } | null = null;
  if (!large) {
    const e = await solvePlan(inst, { seconds: HIGHS_SECONDS, exact: true, seed: 1 });
    exact = { seconds: HIGHS_SECONDS, status: e.status, objective: e.objective, bound: e.bound, columns: e.stats.columns, rows: e.stats.rows };
  }
  const best = Math.max(...runs.map((r) => r.objective), exact?.objective ?? -Infinity);
  const bound = Math.min(...runs.map((r) => r.bound), exact?.bound ?? Infinity);
  const objective = median(runs.map((r) => r.objective));
  results.push({
    people,
    slots: inst.slots.length,
    rooms: inst.rooms.length,
    leaders: inst.leaders.length,
    activities: inst.activities.length,
    heuristicSeconds: seconds,
    heuristicMedian: objective,
    heuristicMin: Math.min(...runs.map((r) => r.objective)),
    heuristicMax: Math.max(...runs.map((r) => r.objective)),
    medianSecondsToBest: median(runs.map((r) => r.secondsToBest)),
    gapToBestKnown: r4((best - objective) / best),
    gapToBound: r4((bound - objective) / bound),
    bestKnown: best,
    bestBound: bound,
    allFeasible: runs.every((r) => r.feasible),
    runs,
    highs: exact,
  });
  console.error(JSON.stringify(results.at(-1)));
}
console.log(JSON.stringify({ bench: 'activity-planner', date: new Date().toISOString().slice(0, 10), highsSeconds: HIGHS_SECONDS, results }));
