import { describe, expect, it } from 'vitest';
import { channelsFrom } from './config.js';

describe('channelsFrom', () => {
  it('has no channel when nothing is configured', () => {
    expect(channelsFrom({})).toEqual({});
  });

  it('builds each configured channel, and only those', () => {
    expect(Object.keys(channelsFrom({ smtpUrl: 'smtp://smtp.example.org:587', mailFrom: 'rappels@example.org' }))).toEqual(['email']);
    expect(Object.keys(channelsFrom({ smsUrl: 'https://sms.example.fr/send', smsToken: 't' }))).toEqual(['sms']);

    const both = channelsFrom({
      smtpUrl: 'smtp://rappels:secret@smtp.example.org:587',
      mailFrom: 'rappels@example.org',
      smsUrl: 'https://sms.example.fr/send',
      smsToken: 'sms-token',
      smsSender: 'Glycines',
    });
    expect(both.email?.kind).toBe('email');
    expect(both.email?.describe()).toBe('SMTP smtp.example.org:587');
    expect(both.sms?.kind).toBe('sms');
    expect(both.sms?.describe()).toBe('HTTP SMS https://sms.example.fr/send');
  });

  it('refuses a channel configured by halves or with a malformed URL', () => {
    expect(() => channelsFrom({ smtpUrl: 'smtp://smtp.example.org' })).toThrow(/mailFrom/);
    expect(() => channelsFrom({ smsUrl: 'not a url' })).toThrow();
  });
});
