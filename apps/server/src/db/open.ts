import { mkdirSync } from 'node:fs';
import type { Db } from './db.js';
import { lockDataDir } from './lock.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { migrate } from './migrate.js';

export interface OpenedDb {
  db: Db;
  /** Where the data lives, for the start-up log (never includes a password). */
  location: string;
  close(): Promise<void>;
}

/** Opens the configured database (PostgreSQL when a URL is given, else PGlite in dataDir), migrated. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const db = openPostgres({ url: opts.databaseUrl });
    await migrate(db);
    const u = new URL(opts.databaseUrl);
    return { db, location: `${u.hostname}:${u.port || 5432}${u.pathname}`, close: () => db.close() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const release = lockDataDir(opts.dataDir);
  try {
    const db = await openPglite(opts.dataDir);
    await migrate(db);
    return {
      db,
      location: opts.dataDir,
      close: async () => {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
