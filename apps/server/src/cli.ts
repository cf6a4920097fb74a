import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { verifyAudit } from './audit/audit-service.js';
import { demoAccounts, seedPeople } from './demo/seed.js';

const USAGE = `Usage: presence <command>
  start                         start the server (same as npm start, without building)
  demo-accounts                 print the demo accounts as JSON
  seed --people N --seed S      add N generated people (and staff) to the database, deterministically
  audit verify                  check the audit log's hash chain; exit 0 if intact, 1 if not
  plan generate --people N --seed S [--week YYYY-MM-DD]
                                print a generated weekly activity-planning instance (JSON, docs/activity-planning.md)
  plan solve FILE --seconds T [--exact] [--seed S]
                                solve an instance file ('-' for stdin); prints one JSON object with the plan, its
                                objective, a proven bound and the gap; progress goes to stderr with --progress
  roster solve INSTANCE.txt --seconds N [--seed S] [--out FILE]
                                solve a Curtois & Qu rostering instance; writes the roster (text format) to FILE
                                and prints {"instance","objective","feasible","seconds","seed"}
  roster evaluate INSTANCE.txt ROSTER
                                recompute feasibility, objective, every violation and the penalties of a roster
  score <aggir|news2|braden|mna-sf|mini-gds|gds-15> '<json>' [--alimentation=guide|any-c]
        [--variant=casf|decret97-etalab] [--threshold=N]
                                compute an assessment score from its JSON input ('-' for stdin; docs/assessments.md);
                                prints one JSON object, e.g. {"gir","rank","group","sums","codes"} for aggir; on bad
                                input prints {"error":"invalid_input","issues":[{field,reason}]} to stderr, exit 2.
                                --threshold applies to braden, mini-gds and gds-15
  notes analyze < notes.jsonl     analyse care notes, one {"id","text"} per line; prints one line per note:
                                {"id","signals":[{"signal","start","end","negated","uncertain","historical","experiencer"}]};
                                a malformed line is reported on stderr with its number and skipped (exit 1 at the end)
  telemonitoring simulate --patients N --days D --seed S [--episodes FILE] [--start YYYY-MM-DD] [--programmes a,b]
                                simulated telemonitoring series as FHIR R4 Observations, one JSON per line, with the
                                planted episodes (decompensations, crises…) written to FILE (docs/telemonitoring.md)
  report usage --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--csv FILE.csv] [--facility ID]
                                write the usage report (bilan d'utilisation) of a facility — the demo EHPAD by default —
                                as PDF (and its figures as CSV); prints {"facility","from","to","pages","bytes","seconds"}
Configuration comes from the environment: DATA_DIR (default ./data) or DATABASE_URL.`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const opened = await openDatabase(config);
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await import('./main.js');
      return -1; // keep running
    case 'demo-accounts':
      console.log(JSON.stringify(demoAccounts(), null, 2));
      return 0;
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { people: { type: 'string' }, seed: { type: 'string', default: 'bench' } } });
      const n = Number(values.people);
      if (!values.people || !Number.isInteger(n) || n < 1 || n > 100_000) fail('seed: --people must be an integer between 1 and 100000');
      const started = Date.now();
      const result = await withDb((db) => seedPeople(db, n, values.seed));
      console.log(
        JSON.stringify({
          people: result.people,
          staff: result.users,
          seed: values.seed,
          sampleAccount: result.sampleAccount,
          seconds: (Date.now() - started) / 1000,
        }),
      );
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') fail(USAGE);
      const result = await withDb((db) => verifyAudit(db));
      console.log(JSON.stringify(result));
      if (!result.ok) console.error(`audit chain broken at entry ${result.firstBadSeq}: ${result.reason}`);
      return result.ok ? 0 : 1;
    }
    case 'plan':
      return planCommand(rest);
    case 'roster':
      return rosterCommand(rest);
    case 'score':
      return scoreCommand(rest);
    case 'notes':
      if (rest[0] !== 'analyze') fail(USAGE);
      return notesAnalyzeCommand();
    case 'report':
      if (rest[0] !== 'usage') fail(USAGE);
      return reportUsageCommand(rest.slice(1));
    case 'telemonitoring': {
      if (rest[0] !== 'simulate') fail(USAGE);
      const { simulateCommand } = await import('./telemonitoring-core/simulate-cli.js');
      return simulateCommand(rest.slice(1), process.stdout, process.stderr);
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      fail(`Unknown command: ${command}\n${USAGE}`);
  }
}

async function reportUsageCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, csv: { type: 'string' }, facility: { type: 'string' } },
  });
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const valid = (d: string | undefined) =>
    d !== undefined && day.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!valid(values.from)) fail('report usage: --from must be a date YYYY-MM-DD');
  if (!valid(values.to)) fail('report usage: --to must be a date YYYY-MM-DD');
  if (values.from! > values.to!) fail('report usage: --to is before --from');
  if (!values.out) fail('report usage: --out FILE.pdf is required');
  if (values.facility !== undefined && !/^[0-9a-f-]{36}$/i.test(values.facility)) fail('report usage: --facility must be a facility id (uuid)');
  const started = Date.now();
  const { writeFile } = await import('node:fs/promises');
  const { reportServices, usageReportFiles } = await import('./voice/usage-report-cli.js');
  const result = await withDb(async (db) => {
    const deps = reportServices(db);
    const facilityId =
      values.facility ??
      (await db.query<{ id: string }>("SELECT id FROM facility WHERE kind = 'ehpad' ORDER BY name LIMIT 1"))[0]?.id ??
      fail('report usage: no facility in the database (start Présence once to load the demo, or pass --facility)', 1);
    const files = await usageReportFiles(deps, facilityId, values.from!, values.to!);
    await writeFile(values.out!, files.pdf);
    if (values.csv) await writeFile(values.csv, files.csv);
    return { facility: files.facilityName, pages: files.pages, bytes: files.pdf.length };
  });
  await writeOut(JSON.stringify({ ...result, from: values.from, to: values.to, out: values.out, seconds: (Date.now() - started) / 1000 }));
  return 0;
}

/** Write a line to stdout and wait until it is flushed: a pipe would otherwise lose the tail at process.exit. */
function writeOut(line: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
}

/** --seconds and --seed of the solve commands, checked. */
function solveOptions(command: string, values: { seconds?: string; seed?: string }, maxSeconds: number): { seconds: number; seed: number } {
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > maxSeconds) fail(`${command}: --seconds must be a number in (0, ${maxSeconds}]`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`${command}: --seed must be an integer`);
  return { seconds, seed };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Streams JSON lines in and out: a file of any size is analysed note by note. */
async function notesAnalyzeCommand(): Promise<number> {
  const { createInterface } = await import('node:readline');
  const { analyzeNote, MAX_NOTE_LENGTH } = await import('./notes/analyzer.js');
  let lineNo = 0;
  let bad = 0;
  const report = (reason: string) => {
    bad++;
    console.error(JSON.stringify({ line: lineNo, error: 'invalid_line', reason }));
  };
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    let note: unknown;
    try {
      note = JSON.parse(line);
    } catch {
      report('not valid JSON');
      continue;
    }
    if (typeof note !== 'object' || note === null || Array.isArray(note)) {
      report('expected an object {"id","text"}');
      continue;
    }
    const { id, text } = note as { id?: unknown; text?: unknown };
    if (typeof id !== 'string' && typeof id !== 'number') {
      report('id: expected a string or a number');
      continue;
    }
    if (typeof text !== 'string') {
      report('text: expected a string');
      continue;
    }
    if (text.length > MAX_NOTE_LENGTH) {
      report(`text: longer than ${MAX_NOTE_LENGTH} characters`);
      continue;
    }
    const signals = analyzeNote(text).map((s) => ({
      signal: s.signal,
      start: s.start,
      end: s.end,
      negated: s.negated,
      uncertain: s.uncertain,
      historical: s.historical,
      experiencer: s.experiencer,
    }));
    await writeOut(JSON.stringify({ id, signals }));
  }
  return bad > 0 ? 1 : 0;
}

async function rosterCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { readFile, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { parseInstance, parseRoster, formatRoster, RosterFormatError } = await import('./roster/benchmark-format.js');
  const read = async (file: string, what: string) => {
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      fail(`roster ${sub}: cannot read ${what} ${file}: ${(err as Error).message}`);
    }
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof RosterFormatError) fail(`roster ${sub}: ${err.message}`);
      throw err;
    }
  };
  if (sub === 'solve') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seconds: { type: 'string', default: '10' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        progress: { type: 'boolean', default: false },
      },
    });
    const file = positionals[0];
    if (!file) fail('roster solve: give the instance file');
    const { seconds, seed } = solveOptions('roster solve', values, 86_400);
    const text = await read(file, 'instance');
    const model = guard(() => parseInstance(text, path.basename(file)));
    const { solveRoster } = await import('./roster/solver.js');
    let stop = false;
    process.once('SIGINT', () => (stop = true));
    const started = performance.now();
    const result = solveRoster(model, {
      seconds,
      seed,
      shouldStop: () => stop,
      onProgress: values.progress ? (best, s) => console.error(JSON.stringify({ best, seconds: s })) : undefined,
    });
    if (values.out) await writeFile(values.out, formatRoster(model, result.roster));
    await writeOut(
      JSON.stringify({
        instance: model.name,
        objective: result.feasible ? result.objective : null,
        feasible: result.feasible,
        seconds: Math.round((performance.now() - started) / 10) / 100,
        seed,
        secondsToBest: Math.round(result.secondsToBest * 100) / 100,
      }),
    );
    return 0;
  }
  if (sub === 'evaluate') {
    const [file, rosterFile] = rest;
    if (!file || !rosterFile) fail('roster evaluate: give the instance file and the roster file');
    const text = await read(file, 'instance');
    const rosterText = await read(rosterFile, 'roster');
    const m = guard(() => parseInstance(text, path.basename(file)));
    const roster = guard(() => parseRoster(m, rosterText));
    const { evaluateRoster } = await import('./roster/evaluate.js');
    await writeOut(JSON.stringify(evaluateRoster(m, roster)));
    return 0;
  }
  fail(USAGE);
}

async function planCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'generate') {
    const { values } = parseArgs({ args: rest, options: { people: { type: 'string' }, seed: { type: 'string', default: '1' }, week: { type: 'string' } } });
    const n = Number(values.people);
    if (!values.people || !Number.isInteger(n) || n < 1 || n > 20_000) fail('plan generate: --people must be an integer between 1 and 20000');
    if (values.week !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.week)) fail('plan generate: --week must be a date YYYY-MM-DD');
    const { generateInstance } = await import('./planner/generate.js');
    await writeOut(JSON.stringify(generateInstance({ people: n, seed: values.seed, week: values.week })));
    return 0;
  }
  if (sub === 'solve') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seconds: { type: 'string', default: '10' },
        exact: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        progress: { type: 'boolean', default: false },
      },
    });
    const file = positionals[0];
    if (!file) fail('plan solve: give the instance file (or - for stdin)');
    const { seconds, seed } = solveOptions('plan solve', values, 3600);
    const { readFile } = await import('node:fs/promises');
    const { parseInstanceText, InstanceError } = await import('./planner/instance.js');
    const { solvePlan } = await import('./planner/solve.js');
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (err) {
      fail(`plan solve: cannot read ${file}: ${(err as Error).message}`);
    }
    let inst;
    try {
      inst = parseInstanceText(text);
    } catch (err) {
      if (err instanceof InstanceError) fail(`plan solve: invalid instance: ${err.field}: ${err.reason}`);
      throw err;
    }
    let stop = false;
    process.once('SIGINT', () => (stop = true));
    const result = await solvePlan(inst, {
      seconds,
      exact: values.exact,
      seed,
      shouldStop: () => stop,
      onProgress: values.progress ? (p) => console.error(JSON.stringify(p)) : undefined,
    });
    await writeOut(JSON.stringify(result));
    return 0;
  }
  fail(USAGE);
}

async function scoreCommand(args: string[]): Promise<number> {
  const { SCORE_IDS, ScoreInputError, computeScore, isScoreId } = await import('./scores/index.js');
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { alimentation: { type: 'string' }, variant: { type: 'string' }, threshold: { type: 'string' } },
  });
  const [scale, json, ...extra] = positionals;
  if (!scale || !isScoreId(scale)) fail(`score: give the scale, one of ${SCORE_IDS.join(', ')}\n${USAGE}`);
  if (json === undefined || extra.length) fail(`score: give the input as one JSON argument ('-' for stdin)\n${USAGE}`);
  const invalid = async (issues: { field: string; reason: string }[]) => {
    await new Promise<void>((resolve) => process.stderr.write(`${JSON.stringify({ error: 'invalid_input', issues })}\n`, () => resolve()));
    return 2;
  };
  let input: unknown;
  try {
    input = JSON.parse(json === '-' ? await readStdin() : json);
  } catch (err) {
    return invalid([{ field: '(json)', reason: `not valid JSON: ${(err as Error).message}` }]);
  }
  // Only the flags given are passed: a scale refuses an option it does not have (e.g. --variant for news2).
  const options: Record<string, unknown> = {};
  if (values.alimentation !== undefined) options.alimentation = values.alimentation;
  if (values.variant !== undefined) options.variant = values.variant;
  if (values.threshold !== undefined) options.threshold = /^-?\d+(\.\d+)?$/.test(values.threshold) ? Number(values.threshold) : values.threshold;
  try {
    await writeOut(JSON.stringify(computeScore(scale, input, options)));
    return 0;
  } catch (err) {
    if (!(err instanceof ScoreInputError)) throw err;
    // Options came from flags: name them as such.
    return invalid(
      err.issues.map((i) =>
        i.field.startsWith('options.')
          ? { field: `--${i.field.slice('options.'.length)}`, reason: i.reason === 'unknown key' ? `not an option of ${scale}` : i.reason }
          : i,
      ),
    );
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
