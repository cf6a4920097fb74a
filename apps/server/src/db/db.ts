/** The one database interface every repository uses: the same SQL on PGlite and PostgreSQL. */
export type Engine = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs whose default parsing we override on both engines. */
export const PG_TYPES = { INT8: 20, DATE: 1082 } as const;

/** int8 → number (our counters stay far below 2^53); date → 'YYYY-MM-DD' string (no time zone shift). */
export const parseInt8 = (v: string): number => Number(v);
export const parseDate = (v: string): string => v;
