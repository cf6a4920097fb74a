// Cold start to the first 200 on /api/health: on a fresh data directory (migrations + demo data)
// and on an existing one. Prints one JSON line; medians over RUNS runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, startServer, stopServer } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const PORT = 3301;
const fresh = [];
const existing = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'presence-bench-'));
  try {
    const a = await startServer({ DATA_DIR: dir, DEMO_DATA: 'true' }, PORT);
    fresh.push(a.ms);
    await stopServer(a.child);
    const b = await startServer({ DATA_DIR: dir, DEMO_DATA: 'true' }, PORT);
    existing.push(b.ms);
    await stopServer(b.child);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  JSON.stringify({
    bench: 'cold-start',
    runs: RUNS,
    freshMedianMs: Math.round(median(fresh)),
    existingMedianMs: Math.round(median(existing)),
    freshMs: fresh.map(Math.round),
    existingMs: existing.map(Math.round),
  }),
);
