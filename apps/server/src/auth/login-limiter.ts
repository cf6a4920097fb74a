/**
 * Counts failed logins per IP and per account over a sliding window, in memory. One process
 * holds the counters: with several server instances behind a load balancer, each counts its own.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly opts: { perIp: number; perAccount: number; windowMs: number; now?: () => number }) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.opts.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt is allowed, or 0 when allowed. */
  retryAfter(ip: string, account: string): number {
    const checks: [string, number][] = [
      [`ip:${ip}`, this.opts.perIp],
      [`acct:${account}`, this.opts.perAccount],
    ];
    let wait = 0;
    for (const [key, max] of checks) {
      const list = this.recent(key);
      if (list.length >= max) wait = Math.max(wait, Math.ceil((list[list.length - max]! + this.opts.windowMs - this.now()) / 1000));
    }
    return wait;
  }

  recordFailure(ip: string, account: string): void {
    const t = this.now();
    for (const key of [`ip:${ip}`, `acct:${account}`]) this.failures.set(key, [...this.recent(key), t]);
  }

  recordSuccess(account: string): void {
    this.failures.delete(`acct:${account}`);
  }
}
