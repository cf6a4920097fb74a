import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { PG_TYPES, parseDate, parseInt8 } from './db.js';

const parsers = { [PG_TYPES.INT8]: parseInt8, [PG_TYPES.DATE]: parseDate };

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
  };
}

/** Opens PGlite on a directory, or in memory when dataDir is undefined (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = await PGlite.create(dataDir, { parsers });
  const base = wrap(pg);
  return {
    engine: 'pglite',
    query: (sql, params) => base.query(sql, params),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
