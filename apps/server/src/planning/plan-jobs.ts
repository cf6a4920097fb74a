/**
 * Planner jobs: each solve runs in its own worker thread, reports progress, can be cancelled (the best plan so far is
 * kept), and hands its result to a completion callback. Jobs live in this process's memory: a restart forgets running
 * jobs (their results were never proposals), which the UI shows as "job not found".
 */
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../lib/worker.js';
import type { PlanningInstance } from '../planner/instance.js';
import type { PlanResult, SolveProgress } from '../planner/solve.js';

export interface JobView {
  id: string;
  facilityId: string;
  week: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: string;
  seconds: number;
  progress: SolveProgress | null;
  runId: string | null;
  proposalId: string | null;
  error: string | null;
}

interface Job extends JobView {
  stop: Int32Array;
  worker: Worker;
}

export class PlanJobs {
  private readonly jobs = new Map<string, Job>();

  start(
    meta: { facilityId: string; week: string },
    instance: PlanningInstance,
    opts: { seconds: number; exact: boolean; seed?: number },
    onDone: (result: PlanResult, job: JobView) => Promise<{ runId: string; proposalId: string | null }>,
  ): JobView {
    const stopBuffer = new SharedArrayBuffer(4);
    const worker = spawnWorker(import.meta.url, 'plan-worker', { instance, seconds: opts.seconds, exact: opts.exact, seed: opts.seed ?? 1, stop: stopBuffer });
    const job: Job = {
      id: randomUUID(),
      ...meta,
      status: 'running',
      startedAt: new Date().toISOString(),
      seconds: opts.seconds,
      progress: null,
      runId: null,
      proposalId: null,
      error: null,
      stop: new Int32Array(stopBuffer),
      worker,
    };
    this.jobs.set(job.id, job);
    let finished = false;
    worker.on('message', (msg: { type: 'progress'; progress: SolveProgress } | { type: 'done'; result: PlanResult } | { type: 'error'; message: string }) => {
      if (msg.type === 'progress') job.progress = msg.progress;
      else if (msg.type === 'error') {
        finished = true;
        job.status = 'failed';
        job.error = msg.message;
      } else {
        finished = true;
        const cancelled = Atomics.load(job.stop, 0) === 1;
        onDone(msg.result, this.view(job)).then(
          (ids) => {
            job.runId = ids.runId;
            job.proposalId = ids.proposalId;
            job.status = cancelled ? 'cancelled' : 'done';
          },
          (err: unknown) => {
            job.status = 'failed';
            job.error = err instanceof Error ? err.message : String(err);
          },
        );
      }
      if (finished) void worker.terminate();
    });
    worker.on('error', (err) => {
      job.status = 'failed';
      job.error = err.message;
    });
    worker.on('exit', () => {
      if (!finished && job.status === 'running') {
        job.status = 'failed';
        job.error = 'the planner stopped unexpectedly';
      }
    });
    this.prune();
    return this.view(job);
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job ? this.view(job) : undefined;
  }

  cancel(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    Atomics.store(job.stop, 0, 1);
    return this.view(job);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker.terminate()));
  }

  private view(job: Job): JobView {
    const { stop: _stop, worker: _worker, ...view } = job;
    return { ...view };
  }

  /** Keep the last 50 finished jobs. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - 50))) this.jobs.delete(j.id);
  }
}
