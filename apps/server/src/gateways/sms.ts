import { ChannelError, type Channel } from './channels.js';
import { toE164 } from './phone.js';

/**
 * SMS through a plain HTTP gateway: one JSON POST per message. Most French SMS providers (or a
 * small relay in front of them) accept this shape; the outbox id travels as `reference` so that a
 * gateway can drop a message it has already accepted when the worker retries.
 */

export interface HttpSmsOptions {
  url: string;
  token?: string;
  sender?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of a gateway's error answer goes into the error message. */
const ERROR_EXCERPT_CHARS = 200;

export function httpSmsChannel(opts: HttpSmsOptions): Channel {
  // A malformed URL is a configuration error: better to fail at startup than at the first reminder.
  const endpoint = new URL(opts.url);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new Error(`SMS gateway URL must be http:// or https://, not ${endpoint.protocol}`);
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // Without credentials nor query string, which may carry an API key.
  const description = `HTTP SMS ${endpoint.origin}${endpoint.pathname}`;

  return {
    kind: 'sms',
    describe: () => description,
    async send(msg) {
      const to = toE164(msg.to);
      // The number itself stays out of the message: errors end up in logs.
      if (!to) throw new ChannelError(`Not a valid phone number for SMS (outbox ${msg.id})`, false);

      let status: number;
      let body: string;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify({ to, text: msg.text, sender: opts.sender, reference: msg.id }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        body = await res.text();
      } catch (err) {
        if (err instanceof Error && err.name === 'TimeoutError') {
          throw new ChannelError(`SMS gateway did not answer within ${timeoutMs} ms`, true);
        }
        throw new ChannelError(`SMS gateway unreachable: ${networkCause(err)}`, true);
      }

      if (status >= 200 && status < 300) return { providerId: providerIdOf(body) };
      // 4xx means the gateway refused this message for good, except 408 (request timeout) and
      // 429 (rate limit), which say "later"; 5xx and anything else are worth another try.
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      throw new ChannelError(`SMS gateway answered HTTP ${status}: ${excerpt(body, opts.token)}`, !permanent);
    },
  };
}

/** The gateway's message id: `id` in a JSON answer, as a string. */
function providerIdOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed) {
      const { id } = parsed;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  } catch {
    // An accepted message with a non-JSON answer simply has no provider id.
  }
  return null;
}

/** A gateway's answer, shortened for an error message, with the token masked should it be echoed. */
function excerpt(body: string, token: string | undefined): string {
  const masked = token ? body.replaceAll(token, '***') : body;
  const flat = masked.replace(/\s+/g, ' ').trim();
  return flat.length > ERROR_EXCERPT_CHARS ? `${flat.slice(0, ERROR_EXCERPT_CHARS)}…` : flat || '(empty body)';
}

/** fetch() reports network failures as TypeError('fetch failed') with the system error as cause. */
function networkCause(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return err instanceof Error ? err.message : String(err);
}
