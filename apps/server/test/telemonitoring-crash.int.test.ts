import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { hashPassword } from '../src/auth/passwords.js';

const BIN = fileURLToPath(new URL('../bin/presence.js', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real server process on a PGlite data directory; resolves once /api/health answers. */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'silent' },
    stdio: process.env.CRASH_DEBUG ? 'inherit' : 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

describe('telemonitoring ingestion survives kill -9 (PGlite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'presence-crash-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sender replays after the server was killed mid-stream: every measurement stored exactly once', async () => {
    // A facility, a person enrolled in heart failure, a device with a known token.
    const token = 'tmd_crash-test-token-0123456789abcdef';
    const { createHash } = await import('node:crypto');
    const opened = await openDatabase({ dataDir: dir });
    const [f] = await opened.db.query<{ id: string }>("INSERT INTO facility (name, kind, finess) VALUES ('EHPAD C', 'ehpad', '750000003') RETURNING id");
    const [u] = await opened.db.query<{ id: string }>(
      "INSERT INTO app_user (facility_id, email, password_hash, first_name, last_name, role) VALUES ($1, 'idec@c.test', $2, 'I', 'DEC', 'coordination_nurse') RETURNING id",
      [f!.id, await hashPassword('not used here at all')],
    );
    const [p] = await opened.db.query<{ id: string }>(
      "INSERT INTO person (facility_id, first_name, last_name, birth_date, sex, admission_date) VALUES ($1, 'Jean', 'Roux', '1940-02-02', 'M', '2024-01-01') RETURNING id",
      [f!.id],
    );
    const [e] = await opened.db.query<{ id: string }>(
      "INSERT INTO tm_enrolment (facility_id, person_id, programme, consent_at, consent_from, recorded_by) VALUES ($1, $2, 'hypertension', now(), 'person', $3) RETURNING id",
      [f!.id, p!.id, u!.id],
    );
    await opened.db.query("INSERT INTO tm_setting (enrolment_id, version, reason, set_by) VALUES ($1, 1, 'défaut', $2)", [e!.id, u!.id]);
    await opened.db.query("INSERT INTO tm_device (facility_id, person_id, label, token_hash, created_by) VALUES ($1, $2, 'Tensiomètre', $3, $4)", [
      f!.id,
      p!.id,
      createHash('sha256').update(token).digest('hex'),
      u!.id,
    ]);
    await opened.close();

    // 120 batches of 5 readings (one a minute), sent one after the other.
    const start = Date.now() - 30 * 86_400_000;
    const batches = Array.from({ length: 120 }, (_, b) => ({
      measurements: Array.from({ length: 5 }, (_, k) => ({
        parameter: 'heart_rate',
        value: 60 + ((b * 5 + k) % 30),
        unit: '/min',
        at: new Date(start + (b * 5 + k) * 60_000).toISOString(),
      })),
    }));
    const port = await freePort();
    const send = (b: number) =>
      fetch(`http://127.0.0.1:${port}/api/telemonitoring/measurements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batches[b]),
      });
    child = await startServer(dir, port);
    let acked = 0;
    let killed = false;
    for (let b = 0; b < batches.length; b++) {
      if (b === 40) {
        // kill -9 while the next requests are in flight
        const inflight = [send(b).catch(() => null), send(b + 1).catch(() => null)];
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGKILL');
        await exited;
        killed = true;
        await Promise.all(inflight);
        break;
      }
      const res = await send(b);
      expect(res.status).toBe(200);
      acked = b + 1;
    }
    expect(killed).toBe(true);

    // Restart; the sender replays from the first batch it is not sure of (here: from the start, the worst case).
    child = await startServer(dir, port);
    let duplicates = 0;
    for (let b = 0; b < batches.length; b++) {
      const res = await send(b);
      expect(res.status).toBe(200);
      duplicates += ((await res.json()) as { duplicates: number }).duplicates;
    }
    expect(duplicates).toBeGreaterThanOrEqual(acked * 5);
    const stopped = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await stopped;
    child = null;

    const after = await openDatabase({ dataDir: dir });
    const [{ n, distinct } = { n: 0, distinct: 0 }] = await after.db.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT at)::int AS distinct FROM tm_measurement WHERE person_id = $1',
      [p!.id],
    );
    await after.close();
    expect(n).toBe(600);
    expect(distinct).toBe(600);
  }, 120_000);
});
