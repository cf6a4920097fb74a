/**
 * Reads the Curtois & Qu instance text format and the roster text format (../shared/specs/roster-benchmark.md, §1 and
 * §5) into the rostering model, and writes rosters back. Errors name the line and the reason.
 */
import { OFF, type Roster, type RosterModel, type StaffMember } from './model.js';

export class RosterFormatError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'RosterFormatError';
  }
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;

function int(text: string | undefined, where: string, what: string): number {
  const t = (text ?? '').trim();
  if (!/^-?\d+$/.test(t)) throw new RosterFormatError(where, `${what} must be an integer, got '${t}'`);
  return Number(t);
}

export function parseInstance(text: string, name = 'instance'): RosterModel {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const bySection = new Map<string, { line: number; text: string }[]>();
  let current: string | null = null;
  lines.forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith('#')) return;
    if (l.startsWith('SECTION_')) {
      if (!(SECTIONS as readonly string[]).includes(l)) throw new RosterFormatError(`line ${i + 1}`, `unknown section ${l}`);
      current = l;
      bySection.set(l, []);
      return;
    }
    if (!current) throw new RosterFormatError(`line ${i + 1}`, 'data before the first SECTION_ line');
    bySection.get(current)!.push({ line: i + 1, text: l });
  });
  for (const s of ['SECTION_HORIZON', 'SECTION_SHIFTS', 'SECTION_STAFF', 'SECTION_COVER'])
    if (!bySection.has(s)) throw new RosterFormatError(name, `missing ${s}`);
  const at = (n: number) => `line ${n}`;

  const horizonLine = bySection.get('SECTION_HORIZON')![0];
  const horizon = int(horizonLine?.text, at(horizonLine?.line ?? 0), 'horizon');
  if (horizon < 1 || horizon > 3660) throw new RosterFormatError(at(horizonLine!.line), 'horizon must be between 1 and 3660 days');

  const shifts = bySection.get('SECTION_SHIFTS')!.map(({ line, text: t }) => {
    const [id, len, forbidden] = t.split(',');
    if (!id?.trim()) throw new RosterFormatError(at(line), 'shift id is empty');
    return {
      id: id.trim(),
      minutes: int(len, at(line), 'shift length'),
      forbiddenNext: (forbidden ?? '')
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean),
    };
  });
  const shiftIds = new Set(shifts.map((s) => s.id));
  for (const s of shifts) for (const f of s.forbiddenNext) if (!shiftIds.has(f)) throw new RosterFormatError(`shift ${s.id}`, `forbids unknown shift ${f}`);

  const staff: StaffMember[] = bySection.get('SECTION_STAFF')!.map(({ line, text: t }) => {
    const f = t.split(',');
    if (f.length < 8) throw new RosterFormatError(at(line), 'a staff line has 8 fields');
    const maxShifts: Record<string, number> = {};
    for (const part of f[1]!.split('|').filter(Boolean)) {
      const [sid, n] = part.split('=');
      if (!shiftIds.has(sid!.trim())) throw new RosterFormatError(at(line), `MaxShifts names unknown shift ${sid}`);
      maxShifts[sid!.trim()] = int(n, at(line), `MaxShifts of ${sid}`);
    }
    return {
      id: f[0]!.trim(),
      maxShifts,
      maxTotalMinutes: int(f[2], at(line), 'MaxTotalMinutes'),
      minTotalMinutes: int(f[3], at(line), 'MinTotalMinutes'),
      maxConsecutiveShifts: int(f[4], at(line), 'MaxConsecutiveShifts'),
      minConsecutiveShifts: int(f[5], at(line), 'MinConsecutiveShifts'),
      minConsecutiveDaysOff: int(f[6], at(line), 'MinConsecutiveDaysOff'),
      maxWeekends: int(f[7], at(line), 'MaxWeekends'),
      daysOff: [],
      qualifications: [],
      maxWeeklyMinutes: null,
    };
  });
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const member = (id: string | undefined, line: number) => {
    const s = staffById.get((id ?? '').trim());
    if (!s) throw new RosterFormatError(at(line), `unknown employee '${id}'`);
    return s;
  };
  const day = (t: string | undefined, line: number) => {
    const d = int(t, at(line), 'day');
    if (d < 0 || d >= horizon) throw new RosterFormatError(at(line), `day ${d} is outside the horizon 0..${horizon - 1}`);
    return d;
  };
  const shift = (t: string | undefined, line: number) => {
    const s = (t ?? '').trim();
    if (!shiftIds.has(s)) throw new RosterFormatError(at(line), `unknown shift '${s}'`);
    return s;
  };
  for (const { line, text: t } of bySection.get('SECTION_DAYS_OFF') ?? []) {
    const [id, ...days] = t.split(',');
    member(id, line).daysOff.push(...days.filter((x) => x.trim()).map((x) => day(x, line)));
  }
  const requests = (section: string) =>
    (bySection.get(section) ?? []).map(({ line, text: t }) => {
      const [id, d, s, w] = t.split(',');
      return { staff: member(id, line).id, day: day(d, line), shift: shift(s, line), weight: int(w, at(line), 'weight') };
    });
  const cover = bySection.get('SECTION_COVER')!.map(({ line, text: t }) => {
    const [d, s, req, wu, wo] = t.split(',');
    return {
      day: day(d, line),
      shift: shift(s, line),
      qualification: null,
      requirement: int(req, at(line), 'requirement'),
      weightUnder: int(wu, at(line), 'weight under'),
      weightOver: int(wo, at(line), 'weight over'),
    };
  });
  return { name, horizon, shifts, staff, onRequests: requests('SECTION_SHIFT_ON_REQUESTS'), offRequests: requests('SECTION_SHIFT_OFF_REQUESTS'), cover };
}

/** Reads the roster text format (§5): labelled or unlabelled lines, '-' or '.' for a day off. */
export function parseRoster(model: RosterModel, text: string): Roster {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
  const shiftIndex = new Map(model.shifts.map((s, i) => [s.id, i]));
  const staffIndex = new Map(model.staff.map((s, i) => [s.id, i]));
  const roster: (Int16Array | null)[] = model.staff.map(() => null);
  const parsed = lines.map((l, n) => {
    let label: string | null = null;
    let rest = l;
    const colon = l.indexOf(':');
    if (colon >= 0) {
      label = l.slice(0, colon).trim();
      rest = l.slice(colon + 1);
    }
    let tokens = rest.split(/[\s,]+/).filter(Boolean);
    if (label === null && tokens.length === model.horizon + 1) {
      label = tokens[0]!;
      tokens = tokens.slice(1);
    }
    return { n: n + 1, label, tokens };
  });
  const labelled = parsed.filter((p) => p.label !== null).length;
  if (labelled !== 0 && labelled !== parsed.length) throw new RosterFormatError('roster', 'either every line has an ID: label or none has');
  if (labelled === 0 && parsed.length !== model.staff.length)
    throw new RosterFormatError('roster', `${parsed.length} lines for ${model.staff.length} employees (unlabelled lines follow SECTION_STAFF order)`);
  parsed.forEach((p, i) => {
    const e = p.label !== null ? staffIndex.get(p.label) : i;
    if (e === undefined) throw new RosterFormatError(`roster line ${p.n}`, `unknown employee '${p.label}'`);
    if (roster[e]) throw new RosterFormatError(`roster line ${p.n}`, `employee ${model.staff[e]!.id} appears twice`);
    if (p.tokens.length !== model.horizon) throw new RosterFormatError(`roster line ${p.n}`, `${p.tokens.length} days for a horizon of ${model.horizon}`);
    roster[e] = Int16Array.from(p.tokens, (tok, d) => {
      if (tok === '-' || tok === '.') return OFF;
      const s = shiftIndex.get(tok);
      if (s === undefined) throw new RosterFormatError(`roster line ${p.n}, day ${d}`, `unknown shift '${tok}'`);
      return s;
    });
  });
  const missing = roster.findIndex((r) => r === null);
  if (missing >= 0) throw new RosterFormatError('roster', `employee ${model.staff[missing]!.id} is missing`);
  return roster as Roster;
}

export function formatRoster(model: RosterModel, roster: Roster): string {
  return `${model.staff.map((s, e) => `${s.id}: ${Array.from(roster[e]!, (x) => (x === OFF ? '-' : model.shifts[x]!.id)).join(' ')}`).join('\n')}\n`;
}
