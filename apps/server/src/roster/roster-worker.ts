/**
 * Worker thread running one roster solve — the roster solver or the HiGHS peer — so the caller keeps answering while
 * it searches. In: { model, engine, seconds, seed, stop: SharedArrayBuffer } as workerData.
 * Out: { type: 'progress', best, elapsedSeconds } and, for HiGHS, { type: 'incumbent', roster, objective,
 * elapsedSeconds } messages, then { type: 'done', result } or { type: 'error', message }.
 * Cancel: the parent sets stop[0] = 1; the roster solver returns its best roster so far. HiGHS only looks at the flag
 * between its own steps, so the parent also terminates this thread at a hard deadline (run.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveRosterMip } from './mip.js';
import type { RosterModel } from './model.js';
import { solveRoster } from './solver.js';

interface Input {
  model: RosterModel;
  engine: 'solver' | 'highs';
  seconds: number;
  seed: number;
  stop: SharedArrayBuffer;
}
const input = workerData as Input;
const stop = new Int32Array(input.stop);
const port = parentPort!;
const shouldStop = () => Atomics.load(stop, 0) === 1;
const fail = (err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });

if (input.engine === 'solver') {
  try {
    const result = solveRoster(input.model, {
      seconds: input.seconds,
      seed: input.seed,
      shouldStop,
      onProgress: (best, elapsedSeconds) => port.postMessage({ type: 'progress', best, elapsedSeconds }),
    });
    port.postMessage({ type: 'done', result });
  } catch (err) {
    fail(err);
  }
} else {
  solveRosterMip(input.model, {
    seconds: input.seconds,
    shouldStop,
    onIncumbent: (roster, objective, elapsedSeconds) => port.postMessage({ type: 'incumbent', roster, objective, elapsedSeconds }),
  }).then((result) => port.postMessage({ type: 'done', result }), fail);
}
