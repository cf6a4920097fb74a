/**
 * Input checking shared by every scale: one error class, `ScoreInputError`, carrying every problem found as
 * `{field, reason}` (field = the JSON path in the caller's input, e.g. `alimentation.seServir` or `spo2`;
 * `(root)` for the input itself; `options.x` for an option).
 */
import { z } from 'zod';

export interface ScoreIssue {
  /** JSON path of the offending value, dotted; `(root)` when the input itself is wrong. */
  field: string;
  /** Plain-English reason: `required`, `unknown key`, `expected A, B or C`, `must be between 0 and 60`… */
  reason: string;
}

export class ScoreInputError extends Error {
  constructor(readonly issues: ScoreIssue[]) {
    super(`Invalid score input: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.name = 'ScoreInputError';
  }
}

export const ROOT = '(root)';

export function joinPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : ROOT;
}

/** zod error map: `required` when the value is absent, `expected <what>` otherwise. */
export function expected(what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? 'required' : `expected ${what}`);
}

/** A finite number within [min, max] (inclusive). */
export function numberIn(min: number, max: number) {
  const range = `must be between ${min} and ${max}`;
  return z
    .number({ error: expected('a number') })
    .min(min, range)
    .max(max, range);
}

/** An integer within [min, max] (inclusive). */
export function integerIn(min: number, max: number) {
  const range = `must be an integer between ${min} and ${max}`;
  return z
    .number({ error: expected(`an integer between ${min} and ${max}`) })
    .int(range)
    .min(min, range)
    .max(max, range);
}

/** One of a few allowed integers (e.g. 0 or 2). */
export function oneOf<const T extends readonly [number, ...number[]]>(values: T) {
  return z.literal(values, { error: expected(orList(values.map(String))) });
}

export function booleanAnswer() {
  return z.boolean({ error: expected('true or false') });
}

/** "A, B or C". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** zod issues → score issues; an unrecognised-keys issue becomes one `unknown key` issue per key. */
export function toScoreIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ScoreIssue[] {
  const out: ScoreIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: joinPath([...path, key]), reason: 'unknown key' });
    } else if (issue.code === 'invalid_type' && issue.path.length === 0 && issue.expected === 'object') {
      out.push({ field: joinPath(path), reason: 'expected a JSON object' });
    } else {
      out.push({ field: joinPath(path), reason: issue.message });
    }
  }
  return out;
}

/** Parse `input` with `schema`; on failure add its issues (under `prefix`) to `issues` and return undefined. */
export function tryParse<T>(schema: z.ZodType<T>, input: unknown, issues: ScoreIssue[], prefix: readonly PropertyKey[] = []): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  issues.push(...toScoreIssues(parsed.error.issues, prefix));
  return undefined;
}

/** Options are optional: `undefined` means the defaults. Issues are reported under `options.`. */
export function tryParseOptions<T>(schema: z.ZodType<T>, options: unknown, issues: ScoreIssue[]): T | undefined {
  return tryParse(schema, options ?? {}, issues, ['options']);
}

/** Throw one ScoreInputError if anything was found; afterwards the parsed values are known to be defined. */
export function throwIfAny(issues: ScoreIssue[]): void {
  if (issues.length) throw new ScoreInputError(issues);
}

/** Parse or throw: for scales whose only checks are the schema's. */
export function parseInput<I, O>(schema: z.ZodType<I>, optionsSchema: z.ZodType<O>, input: unknown, options: unknown): { input: I; options: O } {
  const issues: ScoreIssue[] = [];
  const i = tryParse(schema, input, issues);
  const o = tryParseOptions(optionsSchema, options, issues);
  throwIfAny(issues);
  return { input: i as I, options: o as O };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
