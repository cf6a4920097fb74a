/**
 * Roster jobs: each solve runs in a worker thread (roster/run.ts), records the best objective over time (the live
 * curve the head of care watches), can be cancelled (the best roster so far is kept), and hands its result to a
 * completion callback that turns it into a proposal. Jobs live in this process's memory.
 */
import { randomUUID } from 'node:crypto';
import type { RosterModel } from '../roster/model.js';
import { runRoster, type RosterRunHandle, type RosterRunResult } from '../roster/run.js';

export interface RosterJobView {
  id: string;
  facilityId: string;
  start: string;
  weeks: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: string;
  seconds: number;
  /** Best objective of a rule-abiding roster over time (null until one is found). */
  trace: { t: number; best: number | null }[];
  runId: string | null;
  proposalId: string | null;
  error: string | null;
}

interface Job extends RosterJobView {
  handle: RosterRunHandle;
}

export class RosterJobs {
  private readonly jobs = new Map<string, Job>();

  start(
    meta: { facilityId: string; start: string; weeks: number },
    model: RosterModel,
    opts: { seconds: number; seed?: number },
    onDone: (result: RosterRunResult, job: RosterJobView) => Promise<{ runId: string; proposalId: string | null }>,
  ): RosterJobView {
    const trace: RosterJobView['trace'] = [];
    const handle = runRoster(model, {
      engine: 'solver',
      seconds: opts.seconds,
      seed: opts.seed ?? 1,
      onProgress: (p) => {
        const last = trace.at(-1);
        const t = Math.round(p.elapsedSeconds * 10) / 10;
        if (!last || last.best !== p.best || t - last.t >= 1) trace.push({ t, best: p.best });
      },
    });
    const job: Job = {
      id: randomUUID(),
      ...meta,
      status: 'running',
      startedAt: new Date().toISOString(),
      seconds: opts.seconds,
      trace,
      runId: null,
      proposalId: null,
      error: null,
      handle,
    };
    this.jobs.set(job.id, job);
    handle.result
      .then(async (result) => {
        if (result.evaluation) trace.push({ t: result.seconds, best: result.evaluation.feasible ? result.evaluation.objective : null });
        const ids = await onDone(result, this.view(job));
        job.runId = ids.runId;
        job.proposalId = ids.proposalId;
        job.status = result.ended === 'cancelled' ? 'cancelled' : 'done';
      })
      .catch((err: unknown) => {
        job.status = 'failed';
        job.error = err instanceof Error ? err.message : String(err);
      });
    this.prune();
    return this.view(job);
  }

  /** The facility's job still running, if any (one at a time per facility). */
  runningFor(facilityId: string): RosterJobView | undefined {
    const job = [...this.jobs.values()].find((j) => j.facilityId === facilityId && j.status === 'running');
    return job ? this.view(job) : undefined;
  }

  get(id: string): RosterJobView | undefined {
    const job = this.jobs.get(id);
    return job ? this.view(job) : undefined;
  }

  cancel(id: string): RosterJobView | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    job.handle.cancel();
    return this.view(job);
  }

  async closeAll(): Promise<void> {
    for (const j of this.jobs.values()) if (j.status === 'running') j.handle.cancel();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.handle.result));
  }

  private view(job: Job): RosterJobView {
    const { handle: _handle, ...view } = job;
    return { ...view, trace: [...view.trace] };
  }

  /** Keep the last 50 finished jobs. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - 50))) this.jobs.delete(j.id);
  }
}
