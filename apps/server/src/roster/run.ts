/**
 * Runs a roster solve in a worker thread: the roster solver (cooperative stop, best roster so far kept; asked to stop
 * again at the deadline, terminated only if it then stays silent) or the HiGHS peer (hard wall-clock stop: the thread
 * is terminated a little after its time limit if HiGHS has not returned, and the last incumbent it reported is the
 * result). The roster returned is always re-checked by the independent
 * evaluator — the engines' own bookkeeping decides nothing.
 */
import { spawnWorker } from '../lib/worker.js';
import { evaluateRoster, type RosterEvaluation } from './evaluate.js';
import type { Roster, RosterModel } from './model.js';

export type RosterEngine = 'solver' | 'highs';

export interface RosterRunProgress {
  engine: RosterEngine;
  /** Best objective of a feasible roster so far (null: none yet). */
  best: number | null;
  elapsedSeconds: number;
}

export interface RosterRunResult {
  engine: RosterEngine;
  /** 'done': finished by itself; 'cancelled': stopped by the caller; 'deadline': terminated at the hard stop. */
  ended: 'done' | 'cancelled' | 'deadline';
  roster: Roster | null;
  evaluation: RosterEvaluation | null;
  seconds: number;
  secondsToBest: number | null;
  /** HiGHS only: its status and proven lower bound. */
  status?: string;
  bound?: number | null;
}

export interface RosterRunHandle {
  /** Ask the engine to stop; the best roster so far is the result. */
  cancel(): void;
  result: Promise<RosterRunResult>;
}

/** Grace after the time limit before the HiGHS thread is terminated (model building is not counted by HiGHS). */
const HARD_STOP_GRACE_MS = 2000;
/** After the grace, how long the roster solver has to return its best roster once asked to stop. */
const SOLVER_LAST_CHANCE_MS = 15_000;

export function runRoster(
  model: RosterModel,
  opts: { engine: RosterEngine; seconds: number; seed?: number; onProgress?: (p: RosterRunProgress) => void },
): RosterRunHandle {
  const stopBuffer = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopBuffer);
  const t0 = performance.now();
  const worker = spawnWorker(import.meta.url, 'roster-worker', { model, engine: opts.engine, seconds: opts.seconds, seed: opts.seed ?? 1, stop: stopBuffer });
  let cancelled = false;
  let incumbent: { roster: Roster; at: number } | null = null;
  let best: number | null = null;
  const elapsed = () => (performance.now() - t0) / 1000;
  const finish = (roster: Roster | null, ended: RosterRunResult['ended'], extra: Partial<RosterRunResult> = {}): RosterRunResult => {
    const evaluation = roster ? evaluateRoster(model, roster) : null;
    return { engine: opts.engine, ended, roster, evaluation, seconds: Math.round(elapsed() * 10) / 10, secondsToBest: null, ...extra };
  };
  const result = new Promise<RosterRunResult>((resolve, reject) => {
    let settled = false;
    const settle = (r: RosterRunResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const hardStop = () => settle(finish(incumbent?.roster ?? null, 'deadline', { secondsToBest: incumbent?.at ?? null, status: 'hard_stop' }));
    let timer = setTimeout(
      () => {
        if (opts.engine === 'highs') {
          // The hard stop: whatever HiGHS is doing, the thread ends now and the last incumbent is the answer.
          hardStop();
        } else {
          // The roster solver holds its best roster until it returns: ask it to stop (a late start-up or a slow
          // machine must not lose the work), and end the thread only if it still does not answer.
          Atomics.store(stop, 0, 1);
          timer = setTimeout(hardStop, SOLVER_LAST_CHANCE_MS);
        }
      },
      opts.seconds * 1000 + HARD_STOP_GRACE_MS,
    );
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') {
        best = msg.best;
        opts.onProgress?.({ engine: opts.engine, best, elapsedSeconds: msg.elapsedSeconds });
      } else if (msg.type === 'incumbent') {
        incumbent = { roster: msg.roster, at: Math.round(msg.elapsedSeconds * 10) / 10 };
        best = msg.objective;
        opts.onProgress?.({ engine: opts.engine, best, elapsedSeconds: msg.elapsedSeconds });
      } else if (msg.type === 'done') {
        const ended = cancelled ? 'cancelled' : 'done';
        if ('iterations' in msg.result) {
          const r = msg.result;
          settle(finish(r.roster, ended, { secondsToBest: Math.round(r.secondsToBest * 10) / 10 }));
        } else {
          const r = msg.result;
          settle(finish(r.roster ?? incumbent?.roster ?? null, ended, { secondsToBest: incumbent?.at ?? null, status: r.status, bound: r.bound }));
        }
      } else settle(new Error(msg.message));
    });
    worker.on('error', (err) => settle(err));
    worker.on('exit', (code) => {
      if (!settled) settle(new Error(`roster worker exited with code ${code}`));
    });
  });
  return {
    cancel() {
      cancelled = true;
      Atomics.store(stop, 0, 1);
    },
    result,
  };
}

type WorkerMessage =
  | { type: 'progress'; best: number | null; elapsedSeconds: number }
  | { type: 'incumbent'; roster: Roster; objective: number; elapsedSeconds: number }
  | { type: 'done'; result: import('./solver.js').RosterSolveResult | import('./mip.js').MipResult }
  | { type: 'error'; message: string };
