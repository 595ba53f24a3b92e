import type { RateLimitOptions } from '../options.js';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets kept before idle (full) ones are swept, so spoofed keys cannot grow memory unbounded. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Token bucket per key: `burst` capacity, refilled at `perSecond`. `take` answers how many
 * whole seconds to wait when empty (for `Retry-After`), or 0 when a token was taken.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimitOptions,
    private readonly nowMs: () => number,
  ) {}

  take(key: string): number {
    const now = this.nowMs();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.store(key, bucket);
      return 0;
    }
    this.store(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (bucket === undefined) return { tokens: this.limit.burst, updatedMs: now };
    const elapsed = Math.max(0, now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.perSecond);
    bucket.updatedMs = now;
    return bucket;
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_THRESHOLD) this.sweep();
  }

  /** Drops buckets that have refilled completely: forgetting them changes no answer. */
  private sweep(): void {
    const now = this.nowMs();
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
