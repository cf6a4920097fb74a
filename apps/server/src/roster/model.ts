/**
 * The rostering model: one shape for the care-team rosters of the product and for the Curtois & Qu benchmark, which is
 * the special case without qualifications and without weekly hour limits (../shared/specs/roster-benchmark.md).
 *
 * Days are 0..horizon-1 and day 0 is a Monday. A roster gives each staff member, each day, one shift or a day off.
 */

export interface ShiftType {
  id: string;
  minutes: number;
  /** Shift types that may not be worked the day after this one (rest between shifts, compiled). */
  forbiddenNext: string[];
}

export interface StaffMember {
  id: string;
  /** Per shift type, the most times it may be worked over the horizon; a type not listed is unlimited. 0 forbids it. */
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
  /** Fixed days off (hard). */
  daysOff: number[];
  /** Qualifications (IDE, AS, AES…); empty in the benchmark. */
  qualifications: string[];
  /** Most minutes in any calendar week (Monday–Sunday); null = no weekly limit (the benchmark). */
  maxWeeklyMinutes: number | null;
  /**
   * What this person worked just before day 0 (the product's previous period): the shift of the day before (null: off)
   * and how many days in a row they had worked up to it. Absent in the benchmark, which assumes the day before is off.
   */
  history?: { lastShift: string | null; run: number };
}

export interface Request {
  staff: string;
  day: number;
  shift: string;
  weight: number;
}

export interface Cover {
  day: number;
  shift: string;
  /** Only staff with this qualification count; null = everyone (the benchmark). */
  qualification: string | null;
  requirement: number;
  weightUnder: number;
  weightOver: number;
}

export interface RosterModel {
  name: string;
  horizon: number;
  shifts: ShiftType[];
  staff: StaffMember[];
  onRequests: Request[];
  offRequests: Request[];
  cover: Cover[];
}

/** roster[e][d]: index into model.shifts, or OFF. */
export const OFF = -1;
export type Roster = Int16Array[];
