// The care-team roster of the product on generated EHPAD teams: how soon a roster keeping every French working-time
// rule is found, and how good it is after a few seconds. Prints one JSON line.
// Run: npx tsx bench/roster-care-team.ts   (SECONDS=5 SIZES=36,120 WEEKS=4 SEEDS=1,2,3 by default)
import { careTeamModel, evaluateCareTeam } from '../apps/server/src/roster/care-team.js';
import { exampleCareTeam } from '../apps/server/src/roster/care-team-example.js';
import { solveRoster } from '../apps/server/src/roster/solver.js';

const SECONDS = Number(process.env.SECONDS ?? 5);
const SIZES = (process.env.SIZES ?? '36,120').split(',').map(Number);
const WEEKS = Number(process.env.WEEKS ?? 4);
const SEEDS = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;

const results = SIZES.map((size) => {
  const setting = exampleCareTeam({ start: '2026-11-30', weeks: WEEKS, seed: 7, size });
  const model = careTeamModel(setting);
  const runs = SEEDS.map((seed) => {
    let firstFeasible: number | null = null;
    const r = solveRoster(model, {
      seconds: SECONDS,
      seed,
      onProgress: (best, t) => {
        if (best !== null && firstFeasible === null) firstFeasible = Math.round(t * 10) / 10;
      },
    });
    const ev = evaluateCareTeam(setting, model, r.roster); // the evaluator decides
    const granted = ev.fairness.reduce((s, f) => s + f.requestsGranted, 0);
    return {
      seed,
      feasible: ev.feasible,
      objective: ev.objective,
      firstFeasibleSeconds: firstFeasible,
      shortfalls: ev.shortfalls.length,
      requestsGranted: granted,
    };
  });
  return {
    staff: size,
    weeks: WEEKS,
    requests: setting.requests.length,
    feasibleRuns: runs.filter((r) => r.feasible).length,
    medianObjective: median(runs.map((r) => r.objective)),
    medianFirstFeasibleSeconds: median(runs.map((r) => r.firstFeasibleSeconds ?? Infinity)),
    runs,
  };
});
console.log(JSON.stringify({ bench: 'roster-care-team', seconds: SECONDS, date: new Date().toISOString().slice(0, 10), results }));
