import http from 'node:http';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type OutgoingMessage } from './channels.js';
import { httpSmsChannel } from './sms.js';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** How the fake gateway answers: a status and a body, or never. */
type Answer = { status: number; body: string } | 'never';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections(); // including requests left hanging on purpose
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A real HTTP server on 127.0.0.1 standing for the SMS gateway; it records every request. */
async function startGateway(answer: Answer): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw) });
      if (answer === 'never') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1/sms`, requests };
}

const TOKEN = 'tok_live_9f8e7d6c5b4a';

const message: OutgoingMessage = {
  channel: 'sms',
  to: '06 12 34 56 78',
  subject: 'Rappel',
  text: 'Rappel : visite de Mme Hélène Leroux demain à 15 h. L’équipe des Glycines.',
  id: 'outbox-0042',
};

describe('httpSmsChannel', () => {
  it('posts the message as JSON, with the bearer token and the number in E.164', async () => {
    const gateway = await startGateway({ status: 201, body: JSON.stringify({ id: 'sms_123', status: 'queued' }) });
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN, sender: 'Glycines' });

    const result = await channel.send(message);

    expect(result).toEqual({ providerId: 'sms_123' });
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/sms');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.body).toEqual({ to: '+33612345678', text: message.text, sender: 'Glycines', reference: 'outbox-0042' });
  });

  it('sends no Authorization header without a token, and takes an answer without id', async () => {
    const gateway = await startGateway({ status: 200, body: 'OK' });
    const channel = httpSmsChannel({ url: gateway.url });

    expect(await channel.send({ ...message, to: '+33 (0)7 98 76 54 32' })).toEqual({ providerId: null });
    expect(gateway.requests[0]?.headers.authorization).toBeUndefined();
    expect(gateway.requests[0]?.body).toEqual({ to: '+33798765432', text: message.text, reference: 'outbox-0042' });
  });

  it('retries when the gateway fails (500)', async () => {
    const gateway = await startGateway({ status: 500, body: '{"error":"internal"}' });
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN });

    const error = await channel.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('500') });
  });

  it('retries when the gateway asks to slow down (429)', async () => {
    const gateway = await startGateway({ status: 429, body: '{"error":"rate limited"}' });
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN });

    await expect(channel.send(message)).rejects.toMatchObject({ name: 'ChannelError', retryable: true });
  });

  it('gives up on a refusal (400), quoting the gateway', async () => {
    const refusal = JSON.stringify({ error: 'recipient is on the STOP list', echo: `Bearer ${TOKEN}`, padding: 'x'.repeat(500) });
    const gateway = await startGateway({ status: 400, body: refusal });
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN });

    const error = await channel.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    const { message: text, retryable } = error as ChannelError;
    expect(retryable).toBe(false);
    expect(text).toContain('400');
    expect(text).toContain('recipient is on the STOP list');
    expect(text).not.toContain(TOKEN); // even when the gateway echoes it
    expect(text.length).toBeLessThan(300); // the gateway's text is truncated
  });

  it('retries, after the timeout, when the gateway never answers', async () => {
    const gateway = await startGateway('never');
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN, timeoutMs: 200 });

    const started = Date.now();
    const error = await channel.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('200 ms') });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(gateway.requests).toHaveLength(1);
  });

  it('retries when nothing listens', async () => {
    const gateway = await startGateway({ status: 200, body: '{}' });
    const url = gateway.url;
    for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
    const channel = httpSmsChannel({ url, token: TOKEN });

    await expect(channel.send(message)).rejects.toMatchObject({ name: 'ChannelError', retryable: true, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('gives up on an impossible number without calling the gateway', async () => {
    const gateway = await startGateway({ status: 200, body: '{}' });
    const channel = httpSmsChannel({ url: gateway.url, token: TOKEN });

    for (const to of ['06 12 34 56', '12 34 56 78 90', 'appeler la fille', '']) {
      await expect(channel.send({ ...message, to })).rejects.toMatchObject({ name: 'ChannelError', retryable: false });
    }
    expect(gateway.requests).toHaveLength(0);
  });

  it('describes the gateway without its token or credentials', () => {
    const channel = httpSmsChannel({ url: `https://user:${TOKEN}@sms.example.fr/api/send?key=${TOKEN}`, token: TOKEN });
    expect(channel.describe()).toBe('HTTP SMS https://sms.example.fr/api/send');
    expect(channel.describe()).not.toContain(TOKEN);
  });

  it('refuses a URL that is not HTTP', () => {
    expect(() => httpSmsChannel({ url: 'ftp://sms.example.fr/' })).toThrow(/http/);
  });
});
