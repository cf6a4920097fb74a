/**
 * The reminder channels behind one interface. The outbox worker picks a channel by kind and calls
 * `send`; a `ChannelError` tells it whether to try again later (`retryable`) or to give up and
 * mark the message as failed.
 */

export type ChannelKind = 'email' | 'sms';

export interface OutgoingMessage {
  channel: ChannelKind;
  /** An email address or a phone number, depending on the channel. */
  to: string;
  subject: string;
  text: string;
  /** The outbox id, used as the idempotency key towards the provider. */
  id: string;
}

export interface SendResult {
  /** The provider's identifier of the message, when it gives one. */
  providerId: string | null;
}

/** Thrown by a channel; `retryable` is false for permanent refusals (e.g. invalid number, 4xx other than 429). */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface Channel {
  kind: ChannelKind;
  /** Where messages go, for logs and the admin screen, e.g. 'SMTP smtp.example.org:587'. Never a password or token. */
  describe(): string;
  send(msg: OutgoingMessage): Promise<SendResult>;
}
