/**
 * Reminders of appointments: written with the appointment (planReminders), sent by the outbox (ReminderOutbox) through
 * the configured gateway of their channel. Without a gateway a reminder is kept as 'stored' and shown in the UI, so
 * that staff can pass it on by hand; nothing is dropped. Messages say who, when and where — never why (no diagnosis).
 */
import type { Db, Queryable } from '../db/db.js';
import { ChannelError, type Channel, type ChannelKind } from '../gateways/channels.js';
import { toE164 } from '../gateways/phone.js';
import { wallClockToUtc } from '../appointments-core/time.js';
import { frDateTime } from './local-time.js';

/** Retries of a temporary failure (gateway down, rate-limited), then 'failed'. */
export const MAX_ATTEMPTS = 5;
const backoffMs = (attempt: number) => Math.min(60, 2 ** attempt) * 60_000;

interface AppointmentForReminders {
  id: string;
  facilityId: string;
  personId: string;
  personName: string;
  facilityName: string;
  label: string;
  location: string;
  start: string;
  setting: 'internal' | 'external';
  transport: string;
  travelMinutes: number;
  accompaniedBy: string | null;
}

/** The day before at 18:00 for staff, 10:00 for relatives; now when that has passed; nothing once the appointment has started. */
function sendAt(start: string, hour: string, now: Date): Date | null {
  const startAt = wallClockToUtc(start);
  if (startAt.getTime() <= now.getTime()) return null;
  const dayBefore = new Date(Date.parse(`${start.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const planned = wallClockToUtc(`${dayBefore}T${hour}`);
  return planned.getTime() > now.getTime() ? planned : now;
}

/** Cancel the reminders not yet sent, then write the ones this appointment needs now. */
export async function planReminders(q: Queryable, a: AppointmentForReminders, now = new Date()): Promise<void> {
  await q.query("UPDATE reminder SET status = 'cancelled' WHERE appointment_id = $1 AND status IN ('pending', 'stored', 'failed')", [a.id]);
  const when = frDateTime(a.start);
  const where = a.location ? ` (${a.location})` : '';
  const out: { channel: ChannelKind; recipient: string; address: string; at: Date; subject: string; body: string }[] = [];
  const travel = a.setting === 'external' ? ` Départ ${a.travelMinutes} min avant.` : '';
  if (a.accompaniedBy) {
    const [staff] = await q.query<{ email: string; name: string }>("SELECT email, first_name || ' ' || last_name AS name FROM app_user WHERE id = $1", [
      a.accompaniedBy,
    ]);
    const at = sendAt(a.start, '18:00', now);
    if (staff && at)
      out.push({
        channel: 'email',
        recipient: staff.name,
        address: staff.email,
        at,
        subject: `Accompagnement : ${a.label} de ${a.personName}, ${when}`,
        body: `Bonjour,\n\nVous accompagnez ${a.personName} : ${a.label}, le ${when}${where}.${travel}\n\n${a.facilityName} — Présence`,
      });
  }
  if (a.setting === 'external') {
    const contacts = await q.query<{ name: string; phone: string | null; email: string | null; relationship: string }>(
      `SELECT first_name || ' ' || last_name AS name, phone, email, relationship FROM contact
        WHERE person_id = $1 AND (is_trusted_person OR is_legal_representative OR $2) AND (phone IS NOT NULL OR email IS NOT NULL)`,
      [a.personId, a.transport === 'relative'],
    );
    const at = sendAt(a.start, '10:00', now);
    for (const c of at ? contacts : []) {
      const drive = a.transport === 'relative' ? ' Vous avez prévu de l’y conduire.' : '';
      const body = `Rappel : ${a.personName} a un rendez-vous (${a.label}) le ${when}${where}.${drive} ${a.facilityName}`;
      const phone = c.phone ? toE164(c.phone) : null;
      if (phone) out.push({ channel: 'sms', recipient: c.name, address: phone, at: at!, subject: `Rendez-vous de ${a.personName}`, body });
      else if (c.email) out.push({ channel: 'email', recipient: c.name, address: c.email, at: at!, subject: `Rendez-vous de ${a.personName}, ${when}`, body });
    }
  }
  for (const r of out)
    await q.query(
      `INSERT INTO reminder (facility_id, appointment_id, channel, recipient, address, send_at, subject, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.facilityId, a.id, r.channel, r.recipient, r.address, r.at, r.subject, r.body],
    );
}

/** Cancel what is not sent (appointment cancelled). */
export async function cancelReminders(q: Queryable, appointmentId: string): Promise<void> {
  await q.query("UPDATE reminder SET status = 'cancelled' WHERE appointment_id = $1 AND status IN ('pending', 'stored', 'failed')", [appointmentId]);
}

/**
 * The outbox: every `intervalMs`, sends the reminders due. One at a time per reminder: a row is claimed by moving its
 * send_at forward before the send, so a crash mid-send retries later instead of sending twice in a loop; the gateway
 * gets the reminder id as idempotency reference.
 */
export class ReminderOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly channels: Partial<Record<ChannelKind, Channel>>,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runOnce().finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Send what is due now; returns how many reminders changed status. */
  async runOnce(now = new Date()): Promise<{ sent: number; stored: number; failed: number; retried: number }> {
    const counts = { sent: 0, stored: 0, failed: 0, retried: 0 };
    const due = await this.db.query<{ id: string; channel: ChannelKind; address: string; subject: string; body: string; attempts: number }>(
      "SELECT id, channel, address, subject, body, attempts FROM reminder WHERE status = 'pending' AND send_at <= $1 ORDER BY send_at LIMIT 100",
      [now],
    );
    for (const r of due) {
      const channel = this.channels[r.channel];
      if (!channel) {
        await this.db.query("UPDATE reminder SET status = 'stored', last_error = $2 WHERE id = $1 AND status = 'pending'", [
          r.id,
          `Aucune passerelle ${r.channel === 'sms' ? 'SMS' : 'e-mail'} configurée : à transmettre par l’équipe`,
        ]);
        counts.stored++;
        continue;
      }
      // Claim: a concurrent outbox (another server) sees it as not due any more.
      const claimed = await this.db.query(
        "UPDATE reminder SET send_at = $2, attempts = attempts + 1 WHERE id = $1 AND status = 'pending' AND attempts = $3 RETURNING id",
        [r.id, new Date(now.getTime() + backoffMs(r.attempts + 1)), r.attempts],
      );
      if (!claimed.length) continue;
      try {
        const result = await channel.send({ channel: r.channel, to: r.address, subject: r.subject, text: r.body, id: r.id });
        await this.db.query("UPDATE reminder SET status = 'sent', sent_at = now(), provider_id = $2, last_error = NULL WHERE id = $1", [
          r.id,
          result.providerId,
        ]);
        counts.sent++;
      } catch (e) {
        const retry = e instanceof ChannelError ? e.retryable : true;
        const message = e instanceof Error ? e.message.slice(0, 300) : 'unknown error';
        if (retry && r.attempts + 1 < MAX_ATTEMPTS) {
          await this.db.query('UPDATE reminder SET last_error = $2 WHERE id = $1', [r.id, message]);
          counts.retried++;
        } else {
          await this.db.query("UPDATE reminder SET status = 'failed', last_error = $2 WHERE id = $1", [r.id, message]);
          counts.failed++;
        }
      }
    }
    return counts;
  }
}
