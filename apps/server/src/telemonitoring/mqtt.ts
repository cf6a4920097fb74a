/**
 * MQTT ingestion adapter for telemonitoring devices.
 *
 * Contract
 * --------
 * - Topic scheme: `<prefix>/<facilityId>/devices/<deviceId>/measurements` (prefix defaults to `presence`).
 *   The adapter subscribes to `<prefix>/+/devices/+/measurements` with QoS 1.
 * - Payload: JSON `{"token": "<device token>", "measurements": [{"parameter", "value", "unit"?, "at"}]}`,
 *   the same items as the HTTP JSON batch. The adapter does not validate the measurements: it hands
 *   them (as `unknown`) to `onMessage`, which authenticates the token and validates the items.
 * - Persistent session: the client connects with `clean: false` and the stable `clientId` given in
 *   the options (MQTT 3.1.1), so the broker keeps the subscription and queues QoS 1 messages while
 *   the server is down or disconnected, and delivers them after it reconnects.
 *   `stop()` therefore does NOT unsubscribe: unsubscribing would delete the subscription from the
 *   session and the broker would drop everything published until the next `start()` (a restart
 *   or deploy would lose measurements). To retire a clientId for good, connect once with
 *   `clean: true` under that clientId.
 * - Nothing is dropped silently: a message whose topic does not match the scheme (e.g. an empty
 *   facility or device level), whose payload is not JSON, or that has no token is still passed to
 *   `onMessage` with `token: null` (and `measurements: undefined` when the topic is invalid or the
 *   payload is not a JSON object), so that the caller records the rejection. For an invalid topic,
 *   `facilityId` and `deviceId` are `''`; `topic` and `raw` are always given.
 * - Acknowledgement after handling: the handler runs inside mqtt.js's `handleMessage` hook, which
 *   the library calls before sending PUBACK (QoS 1) / PUBCOMP (QoS 2) and which processes incoming
 *   packets one at a time. A message is thus acked only after `onMessage` has settled. If the
 *   connection that delivered the message was lost meanwhile, no ack is sent (the broker redelivers
 *   it on reconnect). Delivery is at-least-once: the handler may see the same message twice (broker
 *   redelivery, retained messages on re-subscribe), so it must be idempotent.
 *   Consequence of the one-at-a-time processing: a slow handler delays the next messages (and the
 *   keep-alive PINGRESP) of this connection, so handlers should stay well below the keep-alive (60 s).
 * - Errors: a handler that throws/rejects is reported through `onStatus({ error })` and the message
 *   is still acked (otherwise an always-failing "poison" message would fill the broker's in-flight
 *   window and stall delivery); the handler is responsible for recording what it could not store.
 *   Connection errors never throw: the client keeps retrying every `reconnectPeriodMs` and reports
 *   each error through `onStatus`. Only an invalid `url` (configuration error) throws from `start()`.
 */
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';

export interface MqttMessage {
  facilityId: string;
  deviceId: string;
  token: string | null;
  measurements: unknown;
  raw: string;
  /** The topic the message was published on (useful to record invalid-topic rejections). */
  topic: string;
}

export interface MqttMessageHandler {
  (m: MqttMessage): Promise<void>;
}

export interface MqttStatus {
  connected: boolean;
  error?: string;
}

export interface MqttIngestOptions {
  /** MQTT_URL, e.g. mqtt://127.0.0.1:1883 */
  url: string;
  /** Stable client id: it names the persistent session on the broker. */
  clientId: string;
  /** Default 'presence'. */
  topicPrefix?: string;
  onMessage: MqttMessageHandler;
  onStatus?: (s: MqttStatus) => void;
  /** Default 2000. */
  reconnectPeriodMs?: number;
}

const DEFAULT_PREFIX = 'presence';
const DEFAULT_RECONNECT_MS = 2000;

/** Parses a topic and a payload into the message given to the handler (pure; exported for tests). */
export function parseMqttMessage(topicPrefix: string, topic: string, payload: Buffer | string): MqttMessage {
  const raw = typeof payload === 'string' ? payload : payload.toString('utf8');
  const invalid: MqttMessage = { facilityId: '', deviceId: '', token: null, measurements: undefined, raw, topic };
  if (!topic.startsWith(`${topicPrefix}/`)) return invalid;
  const levels = topic.slice(topicPrefix.length + 1).split('/');
  if (levels.length !== 4) return invalid;
  const [facilityId, devices, deviceId, measurementsLevel] = levels as [string, string, string, string];
  if (!facilityId || !deviceId || devices !== 'devices' || measurementsLevel !== 'measurements') return invalid;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ...invalid, facilityId, deviceId };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ...invalid, facilityId, deviceId };
  const { token, measurements } = body as { token?: unknown; measurements?: unknown };
  return { facilityId, deviceId, token: typeof token === 'string' && token.length > 0 ? token : null, measurements, raw, topic };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class MqttIngest {
  private readonly opts: MqttIngestOptions;
  private readonly prefix: string;
  private client: MqttClient | null = null;
  private subscribed = false;
  private stopping = false;
  /** Incremented on every connection loss: a handler finishing under an older generation must not ack. */
  private generation = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(opts: MqttIngestOptions) {
    this.opts = opts;
    this.prefix = (opts.topicPrefix ?? DEFAULT_PREFIX).replace(/\/+$/, '');
    if (!this.prefix || /[+#]/.test(this.prefix)) throw new Error(`invalid MQTT topic prefix: ${JSON.stringify(opts.topicPrefix)}`);
  }

  /** The subscription filter, `<prefix>/+/devices/+/measurements`. */
  get topicFilter(): string {
    return `${this.prefix}/+/devices/+/measurements`;
  }

  /** True once connected to the broker and subscribed. */
  get connected(): boolean {
    return this.subscribed && this.client?.connected === true;
  }

  /** Connects and subscribes; never throws when the broker is down: it keeps retrying (status reported through onStatus) */
  start(): void {
    if (this.client) return;
    this.stopping = false;
    const client = connect(this.opts.url, {
      clientId: this.opts.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: this.opts.reconnectPeriodMs ?? DEFAULT_RECONNECT_MS,
      reconnectOnConnackError: true,
      connectTimeout: 10_000,
      // Subscribing is done on every 'connect' below; the library's own resubscription is not needed.
      resubscribe: false,
    });
    this.client = client;

    // Runs the handler before mqtt.js sends PUBACK/PUBCOMP (the library waits for `callback`).
    client.handleMessage = (packet: IPublishPacket, callback: (error?: Error) => void): void => {
      if (this.stopping) {
        // Not acked: the broker keeps the message in the session and redelivers it after the next start().
        callback(new Error('MQTT ingest stopping'));
        return;
      }
      const generation = this.generation;
      const p = this.dispatch(packet).then(() => {
        try {
          if (generation !== this.generation) callback(new Error('connection lost before acknowledgement'));
          else callback();
        } catch (e) {
          this.status({ error: `MQTT acknowledgement failed: ${errorMessage(e)}` });
        }
      });
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    };

    client.on('connect', () => {
      client.subscribe(this.topicFilter, { qos: 1 }, (err, granted) => {
        if (this.client !== client || this.stopping) return;
        const refused = granted?.find((g) => g.qos === 128);
        if (err || refused) {
          this.status({ error: `MQTT subscribe to ${this.topicFilter} failed: ${err ? err.message : 'refused by broker'}` });
          return;
        }
        this.subscribed = true;
        this.status({});
      });
    });
    client.on('close', () => {
      this.generation++;
      const was = this.subscribed;
      this.subscribed = false;
      if (was) this.status({});
    });
    client.on('error', (err) => {
      this.status({ error: `MQTT ${this.opts.url}: ${err.message || (err as { code?: string }).code || String(err)}` });
    });
  }

  /**
   * Ends the connection, after the in-flight handlers have settled (their messages are acked).
   * Does not unsubscribe, so that the broker keeps queueing messages for this clientId (see the top of this file).
   */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    // A graceful end waits until every packet we sent is acknowledged (e.g. the SUBSCRIBE of a reconnection): if the
    // connection is gone or such a packet is still waiting, that may never happen — close at once instead (the broker
    // keeps the session; anything not acknowledged is delivered again and stored once).
    await client.endAsync(!client.connected || Object.keys(client.outgoing).length > 0);
    this.subscribed = false;
    this.client = null;
  }

  private async dispatch(packet: IPublishPacket): Promise<void> {
    const message = parseMqttMessage(this.prefix, packet.topic, packet.payload);
    try {
      await this.opts.onMessage(message);
    } catch (e) {
      this.status({ error: `MQTT message handler failed (topic ${packet.topic}): ${errorMessage(e)}` });
    }
  }

  private status(s: { error?: string }): void {
    if (!this.opts.onStatus) return;
    try {
      this.opts.onStatus({ connected: this.connected, ...s });
    } catch {
      // A faulty status callback must not break the ingestion.
    }
  }
}
