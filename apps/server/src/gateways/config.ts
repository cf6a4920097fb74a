import type { Channel, ChannelKind } from './channels.js';
import { smtpChannel } from './email.js';
import { httpSmsChannel } from './sms.js';

export interface GatewayConfig {
  smtpUrl?: string;
  mailFrom?: string;
  smsUrl?: string;
  smsToken?: string;
  smsSender?: string;
}

/**
 * The channels configured; an absent one is simply missing (reminders are then stored, not sent).
 * A channel configured by halves, or with a malformed URL, throws: a reminder should not silently
 * fail to leave because of a typo found only at the first send.
 */
export function channelsFrom(cfg: GatewayConfig): Partial<Record<ChannelKind, Channel>> {
  const channels: Partial<Record<ChannelKind, Channel>> = {};
  if (cfg.smtpUrl) {
    if (!cfg.mailFrom) throw new Error('An SMTP URL is configured without a sender address (mailFrom)');
    channels.email = smtpChannel(cfg.smtpUrl, cfg.mailFrom);
  }
  if (cfg.smsUrl) {
    channels.sms = httpSmsChannel({ url: cfg.smsUrl, token: cfg.smsToken, sender: cfg.smsSender });
  }
  return channels;
}
