import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('blocks an account after its limit, until the window slides past', () => {
    let now = 1_000_000;
    const l = new LoginLimiter({ perIp: 100, perAccount: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('1.1.1.1', 'a@x')).toBe(0);
      l.recordFailure('1.1.1.1', 'a@x');
      now += 1000;
    }
    expect(l.retryAfter('9.9.9.9', 'a@x')).toBe(57); // first failure at t0, window 60 s, now t0+3 s
    expect(l.retryAfter('1.1.1.1', 'b@x')).toBe(0);
    now += 57_000;
    expect(l.retryAfter('1.1.1.1', 'a@x')).toBe(0);
  });
  it('blocks an IP across accounts', () => {
    const l = new LoginLimiter({ perIp: 2, perAccount: 100, windowMs: 60_000 });
    l.recordFailure('2.2.2.2', 'a@x');
    l.recordFailure('2.2.2.2', 'b@x');
    expect(l.retryAfter('2.2.2.2', 'c@x')).toBeGreaterThan(0);
    expect(l.retryAfter('3.3.3.3', 'c@x')).toBe(0);
  });
  it('forgets an account’s failures after a success', () => {
    const l = new LoginLimiter({ perIp: 100, perAccount: 2, windowMs: 60_000 });
    l.recordFailure('1.1.1.1', 'a@x');
    l.recordSuccess('a@x');
    l.recordFailure('1.1.1.1', 'a@x');
    expect(l.retryAfter('1.1.1.1', 'a@x')).toBe(0);
  });
});
