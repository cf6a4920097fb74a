import pg from 'pg';
import type { Db, Queryable } from './db.js';
import { PG_TYPES, parseDate, parseInt8 } from './db.js';

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    if (oid === PG_TYPES.INT8) return parseInt8;
    if (oid === PG_TYPES.DATE) return parseDate;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    },
  };
}

export interface PostgresOptions {
  url: string;
  /** Schema to use as search_path (tests isolate themselves in their own schema). */
  schema?: string;
  max?: number;
}

export function openPostgres(opts: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    types,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const base = wrap(pool);
  return {
    engine: 'postgres',
    query: (sql, params) => base.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
