/**
 * The `simulate` command: writes simulated telemonitoring Observations (FHIR R4 JSON, one per line) to `out`, streamed
 * with backpressure, and the planted episodes (JSON lines) to a file. Pure apart from the streams and that file, so
 * the CLI entry point only has to pass process.stdout and process.stderr.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROGRAMMES, type Programme } from './codes.js';
import { DEFAULT_START, isDate, simulate, type PlantedEpisode } from './simulate.js';

export const SIMULATE_USAGE = `simulate --patients N --days D --seed S [--episodes FILE] [--start YYYY-MM-DD] [--programmes a,b]
          [--episode-rate R]
                                print simulated telemonitoring Observations (FHIR R4 JSON, one per line); the planted
                                episodes go to FILE as JSON lines. Programmes: ${PROGRAMMES.join(', ')}
                                (default all, round-robin); start defaults to ${DEFAULT_START}; R episodes per
                                patient-year (default 4)`;

const MAX_PATIENTS = 100_000;
const MAX_DAYS = 3660;
/** Lines are gathered into chunks of about this many characters before being written. */
const CHUNK = 64 * 1024;

class ArgumentError extends Error {}

interface Parsed {
  patients: number;
  days: number;
  seed: number;
  start: string;
  programmes: Programme[];
  episodeRate: number | undefined;
  episodesFile: string | undefined;
}

function parse(args: string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        patients: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        episodes: { type: 'string' },
        start: { type: 'string' },
        programmes: { type: 'string' },
        'episode-rate': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new ArgumentError((e as Error).message);
  }
  const integer = (name: string, raw: string | undefined, min: number, max: number) => {
    const n = raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new ArgumentError(`--${name} must be an integer between ${min} and ${max}`);
    return n;
  };
  const patients = integer('patients', values.patients, 1, MAX_PATIENTS);
  const days = integer('days', values.days, 1, MAX_DAYS);
  const seed = integer('seed', values.seed, -(2 ** 31), 2 ** 31 - 1);
  const start = values.start ?? DEFAULT_START;
  if (!isDate(start)) throw new ArgumentError('--start must be a date YYYY-MM-DD');
  let programmes: Programme[] = [...PROGRAMMES];
  if (values.programmes !== undefined) {
    const names = values.programmes.split(',').map((s) => s.trim());
    const bad = names.find((n) => !(PROGRAMMES as readonly string[]).includes(n));
    if (bad !== undefined) throw new ArgumentError(`--programmes must be a comma-separated list of ${PROGRAMMES.join(', ')} (got '${bad}')`);
    programmes = names as Programme[];
  }
  let episodeRate: number | undefined;
  const rawRate = values['episode-rate'];
  if (rawRate !== undefined) {
    episodeRate = /^\d+(\.\d+)?$/.test(rawRate) ? Number(rawRate) : NaN;
    if (!(episodeRate <= 365)) throw new ArgumentError('--episode-rate must be a number between 0 and 365');
  }
  if (values.episodes === '') throw new ArgumentError('--episodes must name a file');
  return { patients, days, seed, start, programmes, episodeRate, episodesFile: values.episodes };
}

/** Writes `chunk`; waits for 'drain' when the stream asks to. */
async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function writeEpisodes(file: string, episodes: readonly PlantedEpisode[]): Promise<void> {
  const stream = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined); // observed through the races below
  await Promise.race([once(stream, 'open'), failed]);
  let buf = '';
  for (const ep of episodes) {
    buf += `${JSON.stringify(ep)}\n`;
    if (buf.length >= CHUNK) {
      await Promise.race([write(stream, buf), failed]);
      buf = '';
    }
  }
  stream.end(buf);
  await Promise.race([once(stream, 'finish'), failed]);
}

/**
 * `simulate --patients N --days D --seed S [--episodes FILE] [--start YYYY-MM-DD] [--programmes a,b]
 * [--episode-rate R]`. Returns the exit code: 0 done, 1 the episodes file or `out` failed, 2 bad arguments.
 */
export async function simulateCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let opts: Parsed;
  try {
    opts = parse(args);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    err.write(`simulate: ${e.message}\nUsage: ${SIMULATE_USAGE}\n`);
    return 2;
  }
  const result = simulate({
    patients: opts.patients,
    days: opts.days,
    seed: opts.seed,
    start: opts.start,
    programmes: opts.programmes,
    episodeRate: opts.episodeRate,
  });
  if (opts.episodesFile !== undefined) {
    try {
      await writeEpisodes(opts.episodesFile, result.episodes);
    } catch (e) {
      err.write(`simulate: cannot write --episodes ${opts.episodesFile}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  let failure: Error | undefined;
  const onError = (e: Error) => (failure ??= e);
  out.on('error', onError);
  try {
    let buf = '';
    for (const o of result.observations) {
      buf += `${JSON.stringify(o)}\n`;
      if (buf.length >= CHUNK) {
        await write(out, buf);
        buf = '';
        if (failure) throw failure;
      }
    }
    // The last chunk: wait until it is handed over, so a caller may exit right after.
    await new Promise<void>((resolve, reject) => out.write(buf, (e) => (e ? reject(e) : resolve())));
    if (failure) throw failure;
    return 0;
  } catch (e) {
    err.write(`simulate: cannot write the observations: ${(e as Error).message}\n`);
    return 1;
  } finally {
    out.off('error', onError);
  }
}
