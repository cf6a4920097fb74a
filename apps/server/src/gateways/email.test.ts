import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type OutgoingMessage } from './channels.js';
import { smtpChannel } from './email.js';

/** What the fake server saw of one message. */
interface Received {
  mailFrom: string | false;
  rcptTo: string[];
  raw: string;
  user: string | undefined;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A real SMTP server on 127.0.0.1, plain text (no TLS), that keeps what it receives. */
async function startSmtpServer(options: SMTPServerOptions = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'), // bytes as they came; decoded below
          user: session.user as string | undefined,
        });
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as net.AddressInfo).port, received };
}

/** A port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Decodes Q/quoted-printable or B/base64 text into UTF-8. */
function decode(text: string, encoding: string): string {
  if (/^(b|base64)$/i.test(encoding)) return Buffer.from(text, 'base64').toString('utf8');
  const bytes: number[] = [];
  const qp = /^q$/i.test(encoding) ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  for (let i = 0; i < qp.length; i++) {
    const hex = qp[i] === '=' ? /^[0-9A-F]{2}$/i.exec(qp.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(qp.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Just enough MIME for a single-part text message: headers (RFC 2047 words decoded) and body. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    const value = line
      .slice(colon + 1)
      .trim()
      .replace(/\?=\s+=\?/g, '?==?') // whitespace between two encoded words is not part of the text
      .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) => decode(text, enc));
    headers.set(line.slice(0, colon).toLowerCase(), value);
  }
  const body = raw.slice(split + 4);
  return { headers, body: decode(body, headers.get('content-transfer-encoding') ?? '8bit').replace(/\r\n$/, '') };
}

const message: OutgoingMessage = {
  channel: 'email',
  to: 'famille.leroux@example.org',
  subject: 'Rappel : réunion de synthèse — Mme Hélène Leroux',
  text: 'Bonjour,\nla réunion de synthèse aura lieu jeudi à 14 h, salle des Tilleuls.\nÀ bientôt, l’équipe de l’EHPAD « Les Glycines ».',
  id: 'outbox-0001',
};

describe('smtpChannel', () => {
  it('delivers the message, with its French text intact, to the SMTP server', async () => {
    const { port, received } = await startSmtpServer();
    const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'Présence <rappels@ehpad-glycines.fr>');

    const result = await channel.send(message);

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.mailFrom).toBe('rappels@ehpad-glycines.fr');
    expect(mail?.rcptTo).toEqual(['famille.leroux@example.org']);
    const { headers, body } = parseMessage(mail?.raw ?? '');
    expect(headers.get('to')).toBe('famille.leroux@example.org');
    expect(headers.get('subject')).toBe(message.subject);
    expect(body.replace(/\r\n/g, '\n')).toBe(message.text);
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    // The outbox id makes the Message-ID, and is what the channel reports.
    expect(headers.get('message-id')).toBe('<reminder.outbox-0001@ehpad-glycines.fr>');
    expect(result.providerId).toBe('<reminder.outbox-0001@ehpad-glycines.fr>');
  });

  it('authenticates with the credentials of the URL', async () => {
    const { port, received } = await startSmtpServer({
      allowInsecureAuth: true, // the test server has no TLS
      onAuth(auth, _session, callback) {
        if (auth.username === 'rappels' && auth.password === 's3cret:pa$$') callback(null, { user: auth.username });
        else callback(new Error('Invalid credentials'));
      },
    });
    const channel = smtpChannel(`smtp://rappels:${encodeURIComponent('s3cret:pa$$')}@127.0.0.1:${port}`, 'rappels@ehpad-glycines.fr');

    await channel.send(message);

    expect(received.map((m) => m.user)).toEqual(['rappels']);
  });

  it('gives up on a recipient the server refuses for good (550)', async () => {
    const { port, received } = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'rappels@ehpad-glycines.fr');

    const error = await channel.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('550') });
    expect(received).toHaveLength(0);
  });

  it('retries a recipient the server defers (451)', async () => {
    const { port } = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
      },
    });
    const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'rappels@ehpad-glycines.fr');

    await expect(channel.send(message)).rejects.toMatchObject({ name: 'ChannelError', retryable: true });
  });

  it('retries when no server listens', async () => {
    const channel = smtpChannel(`smtp://127.0.0.1:${await closedPort()}`, 'rappels@ehpad-glycines.fr');

    const error = await channel.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ retryable: true });
  });

  it('gives up on a message without a valid recipient, which never reaches the server', async () => {
    const { port, received } = await startSmtpServer();
    const channel = smtpChannel(`smtp://127.0.0.1:${port}`, 'rappels@ehpad-glycines.fr');

    for (const to of ['', 'famille.leroux']) {
      await expect(channel.send({ ...message, to })).rejects.toMatchObject({ name: 'ChannelError', retryable: false });
    }
    expect(received).toHaveLength(0);
  });

  it('describes the server without its credentials', () => {
    expect(smtpChannel('smtp://rappels:TopSecret42@smtp.example.org:587', 'a@b.fr').describe()).toBe('SMTP smtp.example.org:587');
    expect(smtpChannel('smtps://rappels:TopSecret42@smtp.example.org', 'a@b.fr').describe()).toBe('SMTPS smtp.example.org:465');
    expect(smtpChannel('smtp://rappels:TopSecret42@smtp.example.org', 'a@b.fr').describe()).not.toContain('TopSecret42');
  });

  it('refuses a URL that is not SMTP', () => {
    expect(() => smtpChannel('https://smtp.example.org', 'a@b.fr')).toThrow(/smtp:\/\//);
  });
});
