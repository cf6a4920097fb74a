// Shared helpers for the benchmark programs: start the built server, wait for health, stop it.
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = `${ROOT}apps/server/dist/main.js`;
export const CLI = `${ROOT}apps/server/bin/presence.js`;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Starts the server and resolves once /api/health answers 200, with the elapsed milliseconds. */
export async function startServer(env, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return { child, ms: performance.now() - t0 };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function stopServer(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export function presence(args, env) {
  return execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** The maintenance database of a PostgreSQL URL (to create or drop the benchmark's own). */
const adminUrl = (url) => Object.assign(new URL(url), { pathname: '/postgres' }).toString();

/** null when the PostgreSQL server of `url` answers, else why not. */
export async function postgresReachable(url) {
  const admin = new pg.Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.end();
    return null;
  } catch (e) {
    return e.message || String(e);
  }
}

/** Drops and recreates the database of `url` (a database the benchmark owns). */
export async function resetPostgres(url) {
  const dbName = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
}
