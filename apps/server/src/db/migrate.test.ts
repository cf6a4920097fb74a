import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitStatements } from './migrate.js';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('splitStatements', () => {
  it('splits on top-level semicolons, keeps $$ bodies whole, drops comments', () => {
    const sql = `-- a comment; with a semicolon
CREATE TABLE a (x int); -- trailing
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'no; never';
END;
$$;
INSERT INTO a VALUES (1);`;
    const parts = splitStatements(sql);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toContain("RAISE EXCEPTION 'no; never';");
    expect(parts[1]).toMatch(/END;\n\$\$$/);
  });
});

describe('lockDataDir', () => {
  it('refuses a second holder while the first lives, and is free again after release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presence-lock-'));
    try {
      // A live process other than us holds it: pid 1 always exists.
      writeFileSync(path.join(dir, 'presence.lock'), '1');
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      rmSync(path.join(dir, 'presence.lock'));
      const release = lockDataDir(dir);
      release();
      lockDataDir(dir)();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('takes over a lock left by a dead process', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'presence-lock-'));
    try {
      writeFileSync(path.join(dir, 'presence.lock'), '2147483646');
      const release = lockDataDir(dir);
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
