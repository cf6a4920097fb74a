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
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      fail(`Unknown command: ${command}\n${USAGE}`);
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
