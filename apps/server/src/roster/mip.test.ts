import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstance } from './benchmark-format.js';
import { evaluateRoster } from './evaluate.js';
import { solveRosterMip } from './mip.js';
import { runRoster } from './run.js';

const BENCH = new URL('../../../../../shared/bench/rostering/', import.meta.url);
const instance = (n: number) => parseInstance(readFileSync(new URL(`Instance${n}.txt`, BENCH), 'utf8'), `Instance${n}.txt`);

describe('HiGHS peer (MIP of the roster model)', () => {
  it('proves the known optimum of Instance 1, and the evaluator agrees with its roster', async () => {
    // 607 is proven optimal: a looser formulation would find less (and the evaluator would call it infeasible),
    // a stricter one more.
    const r = await solveRosterMip(instance(1), { seconds: 60 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(607);
    const e = evaluateRoster(instance(1), r.roster!);
    expect(e.violations).toEqual([]);
    expect(e.objective).toBe(607);
  }, 90_000);

  it('runs in a worker and is cut off at the hard wall-clock stop when it cannot finish', async () => {
    // Instance 24 (151 staff × 364 days × 32 shift types): building the model alone outlasts half a second + grace.
    const t0 = performance.now();
    const r = await runRoster(instance(24), { engine: 'highs', seconds: 0.5 }).result;
    const elapsed = (performance.now() - t0) / 1000;
    expect(r.ended).toBe('deadline');
    expect(r.roster).toBeNull();
    expect(elapsed).toBeLessThan(15);
  }, 30_000);

  it('the roster solver in a worker reports progress and keeps its best roster when cancelled', async () => {
    const seen: (number | null)[] = [];
    const handle = runRoster(instance(5), { engine: 'solver', seconds: 30, seed: 2, onProgress: (p) => seen.push(p.best) });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    handle.cancel();
    const r = await handle.result;
    expect(r.ended).toBe('cancelled');
    expect(r.seconds).toBeLessThan(10);
    expect(r.evaluation!.feasible).toBe(true);
    expect(seen.some((b) => b !== null)).toBe(true);
    // the last progress reported is not better than what came back
    expect(r.evaluation!.objective).toBeLessThanOrEqual(seen.filter((b) => b !== null).at(-1)!);
  }, 30_000);
});
