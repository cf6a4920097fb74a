import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside `callerUrl` (pass `import.meta.url`): the compiled .js in
 * production; under the test runner and tsx the sources are .ts, so a small bootstrap registers tsx in the worker
 * before importing it.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const target = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
