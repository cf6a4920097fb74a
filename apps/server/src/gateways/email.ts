import nodemailer, { type NodemailerError } from 'nodemailer';
import { ChannelError, type Channel } from './channels.js';

/**
 * Email through any SMTP server, configured by one URL: smtp://user:pass@host:587 (STARTTLS when
 * the server offers it) or smtps://user:pass@host:465 (TLS from the start). One connection per
 * message: reminders are few, and nothing stays open between two runs of the outbox worker.
 */

/** A reminder is not worth a worker stuck for minutes on a dead server (nodemailer waits up to 10). */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, dnsTimeout: 5_000, socketTimeout: 15_000 };

export function smtpChannel(url: string, from: string): Channel {
  const parsed = new URL(url);
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`SMTP URL must be smtp:// or smtps://, not ${parsed.protocol}`);
  }
  const secure = parsed.protocol === 'smtps:';
  // Same defaults as nodemailer when the URL has no port.
  const description = `${secure ? 'SMTPS' : 'SMTP'} ${parsed.hostname}:${parsed.port || (secure ? 465 : 587)}`;
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  const messageIdDomain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'presence.invalid';

  return {
    kind: 'email',
    describe: () => description,
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          // Derived from the outbox id, so that a message sent twice (the worker stopped after the
          // server accepted it but before recording it) carries the same Message-ID, which mail
          // clients use to show it once.
          messageId: `<reminder.${msg.id.replace(/[^A-Za-z0-9._-]/g, '-')}@${messageIdDomain}>`,
          // RFC 3834: no out-of-office replies to an automatic reminder.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { providerId: info.messageId };
      } catch (err) {
        throw toChannelError(err as NodemailerError);
      }
    },
  };
}

/**
 * Nodemailer marks an SMTP 5xx reply (except 503) as `permanent`; an envelope it refuses itself,
 * before talking to the server (no or malformed recipient), will not get better either. Everything
 * else — connection refused, timeouts, TLS failures, 4xx replies — may succeed later.
 */
function toChannelError(err: NodemailerError): ChannelError {
  const refusedLocally = err.code === 'EENVELOPE' && err.responseCode === undefined;
  return new ChannelError(`SMTP sending failed: ${err.message}`, !(err.permanent === true || refusedLocally));
}
