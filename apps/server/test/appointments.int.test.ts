import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './test-db.js';
import { buildTestApp, type TestApp } from './test-app.js';
import { ReminderOutbox } from '../src/appointments/reminders.js';

/** The first Tuesday at least two weeks ahead (no DST change in the tests' window matters: times are wall-clock). */
function tuesdayAhead(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const day = tuesdayAhead();

interface Sms {
  auth?: string;
  body: { to: string; text: string; reference: string };
}

describe.each(ENGINES)('appointments on %s', (engine) => {
  let t: TestApp;
  let smtp: SMTPServer;
  const mails: { to: string[]; raw: string }[] = [];
  let sms: Server;
  const texts: Sms[] = [];
  const smsMode = { fail: false };
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    sms = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        texts.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        res.statusCode = smsMode.fail ? 503 : 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(smsMode.fail ? { error: 'maintenance' } : { id: `sms-${texts.length}` }));
      });
    });
    await new Promise<void>((r) => sms.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const smsPort = (sms.address() as AddressInfo).port;
    t = await buildTestApp(engine, {
      gateways: {
        smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
        mailFrom: 'Présence <rappels@ehpad-a.test>',
        smsUrl: `http://127.0.0.1:${smsPort}/send`,
        smsToken: 'tok-secret',
      },
    });
    // A trusted person with a mobile number, to be reminded of external appointments.
    await t.db.query(
      `INSERT INTO contact (person_id, first_name, last_name, relationship, phone, is_trusted_person) VALUES ($1, 'Claire', 'Martin', 'child', '06 12 34 56 78', true)`,
      [t.fx.personA1],
    );
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => sms.close(() => r()));
  });

  const dentist = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
    kind: 'dentist',
    setting: 'external',
    label: 'Dentiste — Dr Petit',
    location: '12 rue des Lilas, Lyon',
    start: `${day}T${start}`,
    end: `${day}T${end}`,
    transport: 'taxi',
    travelMinutes: 30,
    ...extra,
  });

  it('shows conflicts with meals and routines, travel included, and books with reminders to the accompanying nurse and the trusted person', async () => {
    const nurse = await t.as('nurse');
    const routine = await t.request('POST', `/api/people/${t.fx.personA1}/routines`, {
      cookie: await t.as('care_assistant'),
      body: { label: 'Sieste', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '13:45', end: '15:00' },
    });
    expect(routine.statusCode).toBe(201);
    const draft = dentist('12:30', '13:30', { accompaniedBy: t.fx.users.nurse.id });
    const check = (await t.request('POST', `/api/people/${t.fx.personA1}/appointments/check`, { cookie: nurse, body: draft })).json();
    const summary = check.conflicts.map((c: { kind: string; during: string; severity: string }) => `${c.kind}:${c.during}:${c.severity}`);
    expect(summary).toEqual(expect.arrayContaining(['meal:travel_out:warning', 'meal:appointment:warning', 'routine:travel_back:warning']));
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/appointments`, { cookie: nurse, body: draft });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a.conflicts.length).toBe(check.conflicts.length);
    const reminders = a.reminders.map((r: { channel: string; address: string; status: string }) => `${r.channel}:${r.address}:${r.status}`);
    expect(reminders.sort()).toEqual([`email:${t.fx.users.nurse.email}:pending`, 'sms:+33612345678:pending']);
  });

  it('refuses a booking that overlaps another appointment unless a reason is given', async () => {
    const secretary = await t.as('secretary');
    const clash = await t.request('POST', `/api/people/${t.fx.personA1}/appointments`, {
      cookie: secretary,
      body: { kind: 'hairdresser', setting: 'internal', label: 'Coiffeur', start: `${day}T13:30`, end: `${day}T14:00` },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/Dentiste/);
    const forced = await t.request('POST', `/api/people/${t.fx.personA1}/appointments`, {
      cookie: secretary,
      body: {
        kind: 'hairdresser',
        setting: 'internal',
        label: 'Coiffeur',
        start: `${day}T13:30`,
        end: `${day}T14:00`,
        overrideConflicts: 'Seul créneau du coiffeur ce mois-ci',
      },
    });
    expect(forced.statusCode).toBe(201);
    // the accompanying nurse is busy too: booking her for another person at the same time is blocking
    const staffClash = await t.request('POST', `/api/people/${t.fx.personA2}/appointments`, {
      cookie: secretary,
      body: { ...dentist('12:45', '13:15'), accompaniedBy: t.fx.users.nurse.id },
    });
    expect(staffClash.statusCode).toBe(409);
    expect(staffClash.json().error.message).toMatch(/accompagn/);
  });

  it('refuses impossible times and inconsistent fields, naming the field, and writes nothing', async () => {
    const nurse = await t.as('nurse');
    const before = (await t.db.query('SELECT id FROM appointment')).length;
    const post = (body: unknown) => t.request('POST', `/api/people/${t.fx.personA2}/appointments`, { cookie: nurse, body });
    const cases: [unknown, string, string][] = [
      [{ ...dentist('11:00', '10:00') }, 'end', 'not_after_start'],
      [{ ...dentist('10:00', '10:30'), start: '2027-02-30T10:00', end: '2027-02-30T10:30' }, 'start', 'impossible_time'],
      [{ ...dentist('10:00', '10:30'), start: '2027-03-28T02:30', end: '2027-03-28T03:30' }, 'start', 'impossible_time'],
      [{ ...dentist('06:00', '19:00') }, 'end', 'too_long'],
      [{ ...dentist('10:00', '10:30'), setting: 'internal' }, 'transport', 'internal_no_transport'],
      [{ ...dentist('10:00', '10:30'), start: '2027-01-05 10:00' }, 'start', 'invalid_string'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      if (reason !== 'invalid_string') expect(res.json().error.issues.find((i: { field: string }) => i.field === field).reason).toBe(reason);
    }
    expect((await t.db.query('SELECT id FROM appointment')).length).toBe(before);
  });

  it('suggests slots as a proposal that avoids the booked ones; choosing one books it, labelled', async () => {
    const nurse = await t.as('nurse');
    const res = await t.request('POST', `/api/people/${t.fx.personA1}/appointment-slots`, {
      cookie: nurse,
      body: {
        kind: 'consultation',
        setting: 'external',
        label: 'Ophtalmologue',
        transport: 'vsl',
        travelMinutes: 20,
        durationMinutes: 30,
        from: day,
        to: day,
        dayStart: '09:00',
        dayEnd: '17:00',
        weekdays: ['tue'],
      },
    });
    expect(res.statusCode).toBe(200);
    const { proposalId, suggestions } = res.json();
    expect(suggestions.length).toBeGreaterThan(1);
    const toMin = (s: string) => Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16));
    for (const s of suggestions) {
      // never within the dentist's 12:00–14:00 (travel included) nor the hairdresser's 13:30–14:00
      expect(toMin(s.end) + 20 <= 12 * 60 || toMin(s.start) - 20 >= 14 * 60).toBe(true);
    }
    const p = (await t.request('GET', `/api/proposals/${proposalId}`, { cookie: nurse })).json();
    expect(p).toMatchObject({ systemSlug: 'appointment-slots', kind: 'appointment.slots' });
    const decided = await t.request('POST', `/api/proposals/${proposalId}/decision`, {
      cookie: nurse,
      body: { decision: 'amend', content: { ...p.content, chosen: 1 }, reason: 'Le deuxième créneau convient à la famille' },
    });
    expect(decided.statusCode).toBe(200);
    const list = (await t.request('GET', `/api/people/${t.fx.personA1}/appointments`, { cookie: nurse })).json();
    const booked = list.find((a: { label: string }) => a.label === 'Ophtalmologue');
    expect(booked).toMatchObject({ start: suggestions[1].start, transport: 'vsl', aiLabel: { decidedBy: 'Test nurse' } });
  });

  it('the outbox sends due reminders through the gateways, retries a gateway that is down, and stores them when there is none', async () => {
    const later = new Date(Date.parse(`${day}T08:00:00Z`));
    smsMode.fail = true;
    const first = await t.services.outbox.runOnce(later);
    expect(first.sent).toBe(1); // the nurse’s e-mail
    expect(first.retried).toBe(2); // the two SMS to the trusted person (dentist, ophthalmologist): the gateway answered 503
    expect(mails[0]!.to).toEqual([t.fx.users.nurse.email]);
    expect(mails[0]!.raw).toMatch(/Accompagnement/);
    smsMode.fail = false;
    const second = await t.services.outbox.runOnce(new Date(later.getTime() + 3 * 3_600_000));
    expect(second.sent).toBe(2);
    const text = texts.at(-1)!;
    expect(text.auth).toBe('Bearer tok-secret');
    expect(text.body.to).toBe('+33612345678');
    expect(texts.map((x) => x.body.text)).toEqual(expect.arrayContaining([expect.stringMatching(/Germaine Martin a un rendez-vous \(Dentiste — Dr Petit\)/)]));
    const sent = await t.db.query<{ attempts: number; provider_id: string }>(
      "SELECT attempts, provider_id FROM reminder WHERE channel = 'sms' AND status = 'sent'",
    );
    expect(sent.map((r) => r.attempts)).toEqual([2, 2]);
    expect(sent.every((r) => /^sms-\d+$/.test(r.provider_id))).toBe(true);
    // without any gateway, a due reminder is stored with the reason, visible in the outbox view
    await t.db.query("UPDATE reminder SET status = 'pending' WHERE status = 'cancelled' AND send_at < now() + interval '400 days'");
    const pending = (await t.db.query("SELECT id FROM reminder WHERE status = 'pending'")).length;
    const bare = await new ReminderOutbox(t.db, {}).runOnce(new Date(Date.now() + 400 * 86_400_000));
    expect(bare.stored).toBe(pending);
    const view = (await t.request('GET', '/api/appointments/reminders?status=stored', { cookie: await t.as('secretary') })).json();
    expect(view.length).toBe(pending);
    if (pending) expect(view[0].lastError).toMatch(/Aucune passerelle/);
  });

  it('exports iCalendar files per person and per accompanying staff member; cancelling cancels unsent reminders', async () => {
    const nurse = await t.as('nurse');
    const person = await t.request('GET', `/api/people/${t.fx.personA1}/appointments.ics`, { cookie: nurse });
    expect(person.statusCode).toBe(200);
    expect(person.headers['content-type']).toMatch(/text\/calendar/);
    const unfolded = person.body.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/BEGIN:VCALENDAR/);
    expect(unfolded).toMatch(/SUMMARY:Dentiste — Dr Petit/);
    expect(unfolded.match(/BEGIN:VEVENT/g)!.length).toBe(3);
    const mine = (await t.request('GET', '/api/appointments/me.ics', { cookie: nurse })).body.replace(/\r\n[ \t]/g, '');
    expect(mine).toMatch(/SUMMARY:Accompagnement : Dentiste — Dr Petit \(Germaine Martin\)/);
    const [a] = (await t.request('GET', `/api/people/${t.fx.personA1}/appointments`, { cookie: nurse })).json();
    await t.db.query("UPDATE reminder SET status = 'pending' WHERE appointment_id = $1 AND status <> 'sent'", [a.id]);
    const cancelled = await t.request('POST', `/api/people/${t.fx.personA1}/appointments/${a.id}/status`, {
      cookie: nurse,
      body: { status: 'cancelled', reason: 'Dentiste malade' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().reminders.every((r: { status: string }) => r.status === 'sent' || r.status === 'cancelled')).toBe(true);
  });

  it('reads are audited; relatives see their person’s appointments; care assistants do not book; other facilities see nothing', async () => {
    const audits = async () => (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.appointments.read'"))[0]!.n;
    const before = await audits();
    const rel = await t.request('GET', `/api/people/${t.fx.personA1}/appointments`, { cookie: await t.as('relative') });
    expect(rel.statusCode).toBe(200);
    expect(await audits()).toBe(before + 1);
    expect((await t.request('GET', `/api/people/${t.fx.personA2}/appointments`, { cookie: await t.as('relative') })).statusCode).toBe(404);
    const ca = await t.request('POST', `/api/people/${t.fx.personA1}/appointments`, { cookie: await t.as('care_assistant'), body: dentist('09:00', '09:30') });
    expect(ca.statusCode).toBe(403);
    expect((await t.request('GET', `/api/people/${t.fx.personB1}/appointments`, { cookie: await t.as('nurse') })).statusCode).toBe(404);
  });
});
