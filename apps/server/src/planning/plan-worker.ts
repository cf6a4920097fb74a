/**
 * Worker thread running one planner solve, so the server keeps answering while it searches.
 * In: { instance, seconds, exact, seed, stop: SharedArrayBuffer } as workerData.
 * Out: { type: 'progress', progress } messages, then { type: 'done', result } or { type: 'error', message }.
 * Cancel: the parent sets stop[0] = 1; the solver returns its best plan so far.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PlanningInstance } from '../planner/instance.js';
import { solvePlan } from '../planner/solve.js';

interface Input {
  instance: PlanningInstance;
  seconds: number;
  exact: boolean;
  seed: number;
  stop: SharedArrayBuffer;
}
const input = workerData as Input;
const stop = new Int32Array(input.stop);
const port = parentPort!;
solvePlan(input.instance, {
  seconds: input.seconds,
  exact: input.exact,
  seed: input.seed,
  shouldStop: () => Atomics.load(stop, 0) === 1,
  onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
}).then(
  (result) => {
    port.postMessage({ type: 'progress', progress: { phase: 'done', elapsedSeconds: result.seconds, best: result.objective, bound: result.bound } });
    port.postMessage({ type: 'done', result });
  },
  (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
