import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../src/db/open.js';
import { appendAudit } from '../src/audit/audit-service.js';
import { ROLES } from '@presence/shared';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/presence.js', import.meta.url));

async function presence(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('presence command on a PGlite data directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'presence-cli-'));
    const opened = await openDatabase({ dataDir: dir });
    for (let i = 0; i < 4; i++) await appendAudit(opened.db, { actor: null, requestId: null }, { action: 'test', outcome: 'allowed', details: { i } });
    await opened.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('audit verify exits 0 on an intact chain', async () => {
    const r = await presence(['audit', 'verify'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const opened = await openDatabase({ dataDir: dir });
    try {
      const r = await presence(['audit', 'verify'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('already used by another Présence process');
    } finally {
      await opened.close();
    }
  });

  it('audit verify exits non-zero naming the first bad entry after an edit', async () => {
    const opened = await openDatabase({ dataDir: dir });
    await opened.db.exec(
      `ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET action = 'edited' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER USER;`,
    );
    await opened.close();
    const r = await presence(['audit', 'verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('entry 2');
  });

  it('demo-accounts prints every demo account as JSON, one per role at least, relatives included', async () => {
    const r = await presence(['demo-accounts'], dir);
    expect(r.code).toBe(0);
    const accounts = JSON.parse(r.stdout) as { email: string; password: string; role: string; facility: string | null }[];
    for (const role of ROLES)
      expect(
        accounts.some((a) => a.role === role),
        role,
      ).toBe(true);
    expect(accounts.every((a) => a.email && a.password && a.facility)).toBe(true);
    expect(accounts.find((a) => a.email === 'proche@demo.presence.fr')).toMatchObject({ role: 'relative', facility: 'EHPAD Les Tilleuls' });
  });

  it('seed adds N people deterministically, with proportionate staff', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'presence-seed-'));
    try {
      const r = await presence(['seed', '--people', '40', '--seed', 's1'], other);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ people: 40, seed: 's1' });
      expect(out.staff).toBeGreaterThan(5);
      const opened = await openDatabase({ dataDir: other });
      try {
        const [row] = await opened.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
        expect(row!.n).toBe(40);
        const names = await opened.db.query<{ last_name: string }>('SELECT last_name FROM person ORDER BY last_name, first_name LIMIT 5');
        const again = mkdtempSync(path.join(tmpdir(), 'presence-seed-'));
        try {
          await presence(['seed', '--people', '40', '--seed', 's1'], again);
          const o2 = await openDatabase({ dataDir: again });
          try {
            expect(await o2.db.query('SELECT last_name FROM person ORDER BY last_name, first_name LIMIT 5')).toEqual(names);
          } finally {
            await o2.close();
          }
        } finally {
          rmSync(again, { recursive: true, force: true });
        }
      } finally {
        await opened.close();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('prints usage errors for bad arguments', async () => {
    const r = await presence(['seed', '--people', 'lots'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--people');
  });
});

describe('presence plan', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'presence-plan-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates an instance and solves it from the file, printing one JSON object with a proven bound', async () => {
    const gen = await presence(['plan', 'generate', '--people', '30', '--seed', '7'], dir);
    expect(gen.code).toBe(0);
    const file = path.join(dir, 'week.json');
    writeFileSync(file, gen.stdout);
    const instance = JSON.parse(gen.stdout);
    expect(instance.people).toHaveLength(30);
    const solved = await presence(['plan', 'solve', file, '--seconds', '1'], dir);
    expect(solved.code).toBe(0);
    const result = JSON.parse(solved.stdout);
    expect(result).toMatchObject({ feasible: true, mode: 'heuristic' });
    expect(result.bound).toBeGreaterThanOrEqual(result.objective);
    expect(result.gap).toBeCloseTo((result.bound - result.objective) / result.bound, 5);
    expect(result.assignments.length).toBe(result.sessions.reduce((n: number, s: { participants: string[] }) => n + s.participants.length, 0));
  });

  it('a malformed instance is refused naming the field, exit 2', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'presence.activity-week/1', week: '2026-11-30', slots: [], rooms: [], leaders: [], activities: [], people: [] }),
    );
    const r = await presence(['plan', 'solve', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid instance: slots: /);
    writeFileSync(file, '{"format":');
    expect((await presence(['plan', 'solve', file], dir)).stderr).toMatch(/\(file\): not valid JSON/);
  });
});

describe('presence roster', () => {
  let dir: string;
  const instance = fileURLToPath(new URL('../../../../shared/bench/rostering/Instance1.txt', import.meta.url));
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'presence-roster-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('solves, writes the roster, and the independent evaluator agrees; a mutated roster is caught', async () => {
    const out = path.join(dir, 'roster.txt');
    const solved = await presence(['roster', 'solve', instance, '--seconds', '2', '--seed', '3', '--out', out], dir);
    expect(solved.code).toBe(0);
    const result = JSON.parse(solved.stdout);
    expect(result).toMatchObject({ instance: 'Instance1.txt', feasible: true, seed: 3 });
    const evaluated = JSON.parse((await presence(['roster', 'evaluate', instance, out], dir)).stdout);
    expect(evaluated).toMatchObject({ feasible: true, objective: result.objective, violations: [] });
    // Employee A has a fixed day off on day 0: working it must be reported.
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[0] = lines[0]!.replace(/^A: \S+/, 'A: D');
    writeFileSync(out, lines.join('\n'));
    const mutated = JSON.parse((await presence(['roster', 'evaluate', instance, out], dir)).stdout);
    expect(mutated.feasible).toBe(false);
    expect(mutated.violations.map((v: { type: string }) => v.type)).toContain('DayOff');
  });

  it('a malformed roster is refused naming the line, exit 2', async () => {
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, 'A: D D\n');
    const r = await presence(['roster', 'evaluate', instance, bad], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/roster line 1: 2 days for a horizon of 14/);
  });
});

describe('presence score', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'presence-score-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('notes analyze: one line per note; a malformed line is reported with its number and the rest is processed', async () => {
    const file = path.join(dir, 'notes.jsonl');
    writeFileSync(
      file,
      ['{"id":"n1","text":"Pas de douleur. Chute hier soir."}', '{"id":"n2","text":', '', '{"id":"n3","text":"Sa fille est angoissée"}'].join('\n'),
    );
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, 'notes', 'analyze'], { env: { ...process.env, DATA_DIR: dir } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(readFileSync(file));
    });
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; signals: { signal: string; negated: boolean; experiencer: string }[] });
    expect(lines.map((l) => l.id)).toEqual(['n1', 'n3']);
    expect(lines[0]!.signals.map((s) => [s.signal, s.negated])).toEqual([
      ['pain', true],
      ['fall', false],
    ]);
    expect(lines[1]!.signals[0]).toMatchObject({ signal: 'anxiety', experiencer: 'other', start: 13, end: 22 });
    expect(JSON.parse(r.stderr.trim())).toEqual({ line: 2, error: 'invalid_line', reason: 'not valid JSON' });
  });

  it('telemonitoring simulate: FHIR Observations on stdout, planted episodes in the file, bad arguments named (exit 2)', async () => {
    const episodes = path.join(dir, 'episodes.jsonl');
    const r = await presence(['telemonitoring', 'simulate', '--patients', '4', '--days', '120', '--seed', '7', '--episodes', episodes], dir);
    expect(r.code).toBe(0);
    const obs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { resourceType: string; subject: { reference: string }; code: { coding: { system: string; code: string }[] } });
    expect(obs.length).toBeGreaterThan(300);
    expect(new Set(obs.map((o) => o.resourceType))).toEqual(new Set(['Observation']));
    expect(new Set(obs.map((o) => o.subject.reference))).toEqual(new Set(['Patient/sim-0001', 'Patient/sim-0002', 'Patient/sim-0003', 'Patient/sim-0004']));
    expect(obs.every((o) => o.code.coding[0]!.system === 'http://loinc.org')).toBe(true);
    const planted = readFileSync(episodes, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { patientId: string; onset: string; event: string });
    for (const e of planted) expect(e.onset < e.event).toBe(true);
    const again = await presence(['telemonitoring', 'simulate', '--patients', '4', '--days', '120', '--seed', '7'], dir);
    expect(again.stdout).toBe(r.stdout);
    const bad = await presence(['telemonitoring', 'simulate', '--patients', 'many', '--days', '10', '--seed', '1'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--patients must be an integer/);
  });

  it('scores the AGGIR example of the spec (scales.md §1.8): GIR 4, rank 11, group H', async () => {
    const input = {
      coherence: 'A',
      orientation: 'A',
      toilette: 'B',
      habillage: 'B',
      alimentation: 'A',
      elimination: 'A',
      transferts: 'A',
      deplacementInterieur: 'A',
      deplacementExterieur: 'A',
      communication: 'A',
    };
    const r = await presence(['score', 'aggir', JSON.stringify(input), '--alimentation=guide', '--variant=casf'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      gir: 4,
      rank: 11,
      group: 'H',
      sums: { A: 32, B: 32, C: 32, D: 0, E: 200, F: 200, G: 400, H: 4000 },
      codes: { ...input },
    });
  });

  it('bad input: {"error":"invalid_input","issues":[…]} on stderr, exit 2', async () => {
    const r = await presence(
      ['score', 'news2', JSON.stringify({ respirationRate: 400, spo2: 97, oxygen: false, systolicBP: 120, pulse: 80, consciousness: 'A' })],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      error: 'invalid_input',
      issues: [
        { field: 'respirationRate', reason: 'must be between 0 and 80' },
        { field: 'temperature', reason: 'required' },
      ],
    });
    const bad = await presence(['score', 'aggir', '{"coherence":"A"}', '--variant=1997'], dir);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).issues).toContainEqual({ field: '--variant', reason: 'expected casf or decret97-etalab' });
  });
});
