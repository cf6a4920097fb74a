// autocannon on GET /api/people/:id (each read is audited) with 80 and 2,000 people, on PGlite and,
// when BENCH_DATABASE_URL is set (a database this benchmark may drop and recreate), on PostgreSQL.
// Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { presence, startServer, stopServer, resetPostgres } from './lib.mjs';

const SIZES = (process.env.SIZES ?? '80,2000').split(',').map(Number);
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL;
const PORT = 3302;

async function measure(engine, size) {
  const dir = mkdtempSync(path.join(tmpdir(), 'presence-bench-'));
  const env = engine === 'pglite' ? { DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'false' } : { DATABASE_URL: PG_URL, DEMO_DATA: 'false' };
  try {
    if (engine === 'postgres') await resetPostgres(PG_URL);
    const seeded = JSON.parse(
      presence(['seed', '--people', String(size), '--seed', 'bench'], env)
        .trim()
        .split('\n')
        .pop(),
    );
    const { child } = await startServer(env, PORT);
    try {
      const base = `http://127.0.0.1:${PORT}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: seeded.sampleAccount.email, password: 'presence-demo-2026' }),
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
      const cookie = login.headers.get('set-cookie').split(';')[0];
      const list = await (await fetch(`${base}/api/people?limit=500`, { headers: { cookie } })).json();
      const ids = list.items.map((p) => p.id);
      let i = 0;
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { cookie },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/people/${ids[i++ % ids.length]}` }) }],
      });
      return {
        engine,
        people: size,
        peopleInFacility: list.total,
        requestsPerSec: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      };
    } finally {
      await stopServer(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const engine of ['pglite', ...(PG_URL ? ['postgres'] : [])]) for (const size of SIZES) results.push(await measure(engine, size));
console.log(JSON.stringify({ bench: 'people-read', durationSec: DURATION, connections: CONNECTIONS, results }));
