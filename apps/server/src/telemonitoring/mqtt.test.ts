/**
 * Tests against the real local Mosquitto (127.0.0.1:1883, anonymous, MQTT_TEST_URL to override).
 * Each run uses its own topic prefix and client ids; the persistent sessions created are wiped in afterAll.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAsync, type MqttClient } from 'mqtt';
import { MqttIngest, parseMqttMessage, type MqttMessage, type MqttStatus } from './mqtt.js';

const BROKER = new URL(process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883');
const BROKER_URL = BROKER.toString();
const RUN = randomUUID().slice(0, 8);
const PREFIX = `presence-test-${RUN}`;

const clientIds: string[] = [];
function newClientId(name: string): string {
  const id = `presence-test-${RUN}-${name}`;
  clientIds.push(id);
  return id;
}

const ingests: MqttIngest[] = [];
let publisher: MqttClient;

async function waitFor(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function topic(facilityId: string, deviceId: string): string {
  return `${PREFIX}/${facilityId}/devices/${deviceId}/measurements`;
}

async function publish(t: string, payload: string | object): Promise<void> {
  await publisher.publishAsync(t, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
}

interface Harness {
  ingest: MqttIngest;
  messages: MqttMessage[];
  statuses: MqttStatus[];
}

function startIngest(opts: { url?: string; clientId: string; onMessage?: (m: MqttMessage) => Promise<void> }): Harness {
  const messages: MqttMessage[] = [];
  const statuses: MqttStatus[] = [];
  const ingest = new MqttIngest({
    url: opts.url ?? BROKER_URL,
    clientId: opts.clientId,
    topicPrefix: PREFIX,
    reconnectPeriodMs: 100,
    onStatus: (s) => statuses.push(s),
    onMessage:
      opts.onMessage ??
      (async (m) => {
        messages.push(m);
      }),
  });
  ingests.push(ingest);
  ingest.start();
  return { ingest, messages, statuses };
}

/** A TCP proxy in front of the broker that can be cut (all sockets destroyed) and reopened on the same port. */
class Proxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = net.createServer((downstream) => {
      const upstream = net.connect(Number(BROKER.port || 1883), BROKER.hostname);
      for (const s of [downstream, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          downstream.destroy();
          upstream.destroy();
        });
      }
      downstream.pipe(upstream);
      upstream.pipe(downstream);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  publisher = await connectAsync(BROKER_URL, { clientId: `presence-test-${RUN}-publisher`, reconnectPeriod: 0 });
});

afterEach(async () => {
  await Promise.all(ingests.splice(0).map((i) => i.stop()));
});

afterAll(async () => {
  await publisher?.endAsync();
  // Wipe the persistent sessions this run created on the broker.
  for (const clientId of clientIds) {
    const c = connect(BROKER_URL, { clientId, clean: true, reconnectPeriod: 0 });
    await new Promise<void>((resolve) => {
      c.once('connect', () => resolve());
      c.once('error', () => resolve());
    });
    await c.endAsync(true);
  }
});

describe('parseMqttMessage', () => {
  it('parses the topic levels, the token and the measurements', () => {
    const m = parseMqttMessage('presence', 'presence/f1/devices/d1/measurements', Buffer.from('{"token":"t","measurements":[]}'));
    expect(m).toEqual({
      facilityId: 'f1',
      deviceId: 'd1',
      token: 't',
      measurements: [],
      raw: '{"token":"t","measurements":[]}',
      topic: 'presence/f1/devices/d1/measurements',
    });
  });
  it('rejects topics that do not follow the scheme', () => {
    for (const t of [
      'presence//devices/d1/measurements',
      'presence/f1/devices//measurements',
      'other/f1/devices/d1/measurements',
      'presence/f1/devices/d1',
      'presence/f1/x/d1/measurements',
    ]) {
      const m = parseMqttMessage('presence', t, '{"token":"t","measurements":[]}');
      expect(m, t).toMatchObject({ facilityId: '', deviceId: '', token: null, measurements: undefined, topic: t });
    }
  });
  it('gives token null for a non-JSON payload, a non-object or a missing/empty token', () => {
    const t = 'presence/f1/devices/d1/measurements';
    expect(parseMqttMessage('presence', t, 'not json')).toMatchObject({
      facilityId: 'f1',
      deviceId: 'd1',
      token: null,
      measurements: undefined,
      raw: 'not json',
    });
    expect(parseMqttMessage('presence', t, '[1]')).toMatchObject({ token: null, measurements: undefined });
    expect(parseMqttMessage('presence', t, '{"measurements":[1]}')).toMatchObject({ token: null, measurements: [1] });
    expect(parseMqttMessage('presence', t, '{"token":"","measurements":[1]}')).toMatchObject({ token: null });
    expect(parseMqttMessage('presence', t, '{"token":42}')).toMatchObject({ token: null, measurements: undefined });
  });
});

describe('MqttIngest (local Mosquitto)', () => {
  it('delivers a published message to the handler with its parsed fields', async () => {
    const h = startIngest({ clientId: newClientId('basic') });
    await waitFor(() => h.ingest.connected, 'connection');
    expect(h.statuses.at(-1)).toEqual({ connected: true });
    const body = { token: 'tok-1', measurements: [{ parameter: 'weight', value: 72.5, unit: 'kg', at: '2025-01-02T08:00:00Z' }] };
    await publish(topic('fac-1', 'dev-1'), body);
    await waitFor(() => h.messages.length === 1, 'the message');
    expect(h.messages[0]).toEqual({
      facilityId: 'fac-1',
      deviceId: 'dev-1',
      token: 'tok-1',
      measurements: body.measurements,
      raw: JSON.stringify(body),
      topic: topic('fac-1', 'dev-1'),
    });
  });

  it('passes invalid topics and payloads to the handler with token null, and survives handler errors', async () => {
    const messages: MqttMessage[] = [];
    const h = startIngest({
      clientId: newClientId('invalid'),
      onMessage: async (m) => {
        messages.push(m);
        if (m.raw === 'boom') throw new Error('db down');
      },
    });
    await waitFor(() => h.ingest.connected, 'connection');
    await publish(`${PREFIX}//devices/dev-1/measurements`, { token: 'tok', measurements: [] });
    await publish(topic('fac-1', 'dev-2'), 'not json {');
    await publish(topic('fac-1', 'dev-3'), { measurements: [] });
    await publish(topic('fac-1', 'dev-4'), 'boom');
    await publish(topic('fac-1', 'dev-5'), { token: 'ok', measurements: [] });
    await waitFor(() => messages.length === 5, 'five messages');
    expect(messages[0]).toMatchObject({ facilityId: '', deviceId: '', token: null, measurements: undefined, topic: `${PREFIX}//devices/dev-1/measurements` });
    expect(messages[1]).toMatchObject({ facilityId: 'fac-1', deviceId: 'dev-2', token: null, measurements: undefined, raw: 'not json {' });
    expect(messages[2]).toMatchObject({ deviceId: 'dev-3', token: null, measurements: [] });
    expect(messages[4]).toMatchObject({ deviceId: 'dev-5', token: 'ok' });
    expect(h.statuses.some((s) => s.error?.includes('db down'))).toBe(true);
    expect(h.ingest.connected).toBe(true);
  });

  it('does not throw when the broker is down, reports errors, keeps retrying and stops cleanly', async () => {
    const port = await closedPort();
    const h = startIngest({ url: `mqtt://127.0.0.1:${port}`, clientId: newClientId('down') });
    await waitFor(() => h.statuses.filter((s) => s.error).length >= 3, 'three connection errors (retries)');
    expect(h.ingest.connected).toBe(false);
    expect(h.statuses.every((s) => !s.connected)).toBe(true);
    expect(h.statuses[0]?.error).toMatch(/ECONNREFUSED/);
    await h.ingest.stop();
    const n = h.statuses.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(h.statuses.length).toBe(n); // no more retries after stop
  });

  it('reconnects after a connection loss and receives the messages published meanwhile (persistent session)', async () => {
    const proxy = new Proxy();
    await proxy.open();
    try {
      const h = startIngest({ url: proxy.url, clientId: newClientId('reconnect') });
      await waitFor(() => h.ingest.connected, 'connection through the proxy');
      await publish(topic('fac-1', 'dev-1'), { token: 'before', measurements: [] });
      await waitFor(() => h.messages.length === 1, 'the first message');

      await proxy.cut();
      await waitFor(() => !h.ingest.connected, 'disconnection');
      expect(h.statuses.at(-1)).toMatchObject({ connected: false });
      await publish(topic('fac-1', 'dev-1'), { token: 'during', measurements: [] });
      await new Promise((r) => setTimeout(r, 300)); // a few refused reconnection attempts
      expect(h.messages).toHaveLength(1);
      expect(h.ingest.connected).toBe(false);

      await proxy.open();
      await waitFor(() => h.messages.length === 2, 'the message published while disconnected');
      expect(h.messages[1]).toMatchObject({ token: 'during', facilityId: 'fac-1', deviceId: 'dev-1' });
      await waitFor(() => h.ingest.connected, 'reconnection');
    } finally {
      await proxy.cut();
    }
  });

  it('acks a message only after its handler resolved: an unacked message is redelivered after reconnection', async () => {
    const proxy = new Proxy();
    await proxy.open();
    try {
      const seen: string[] = [];
      let release: () => void = () => {};
      const h = startIngest({
        url: proxy.url,
        clientId: newClientId('ack'),
        onMessage: async (m) => {
          seen.push(m.token ?? '');
          if (seen.length === 1) await new Promise<void>((r) => (release = r));
        },
      });
      await waitFor(() => h.ingest.connected, 'connection through the proxy');
      await publish(topic('fac-1', 'dev-1'), { token: 'slow', measurements: [] });
      await waitFor(() => seen.length === 1, 'the handler to start');
      await proxy.cut(); // the handler is still running: the message has not been acked
      await waitFor(() => !h.ingest.connected, 'disconnection');
      release();
      await proxy.open();
      await waitFor(() => seen.length === 2, 'the redelivery');
      expect(seen).toEqual(['slow', 'slow']);
    } finally {
      await proxy.cut();
    }
  });

  it('keeps the subscription across stop()/start(): messages published while the server is stopped are delivered', async () => {
    const clientId = newClientId('restart');
    const first = startIngest({ clientId });
    await waitFor(() => first.ingest.connected, 'connection');
    await first.ingest.stop();
    expect(first.ingest.connected).toBe(false);
    await publish(topic('fac-2', 'dev-9'), { token: 'while-stopped', measurements: [] });
    const second = startIngest({ clientId });
    await waitFor(() => second.messages.length === 1, 'the message published while stopped');
    expect(second.messages[0]).toMatchObject({ facilityId: 'fac-2', deviceId: 'dev-9', token: 'while-stopped' });
  });

  it('waits for in-flight handlers before stop() resolves', async () => {
    let finished = false;
    let started = false;
    const h = startIngest({
      clientId: newClientId('inflight'),
      onMessage: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      },
    });
    await waitFor(() => h.ingest.connected, 'connection');
    await publish(topic('fac-1', 'dev-1'), { token: 't', measurements: [] });
    await waitFor(() => started, 'the handler to start');
    await h.ingest.stop();
    expect(finished).toBe(true);
  });
});
