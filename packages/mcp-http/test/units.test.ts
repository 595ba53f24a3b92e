import { SynapsorError } from '@synapsor/core';
import { describe, expect, it, vi } from 'vitest';
import { createScrubber, createTokenVerifier, resolveHttpOptions, SessionRegistry, TokenBuckets, withRequestTimeout } from '../src/index.js';
import { createStubRuntime, READ_TOOL, SLOW_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { TOKEN, TOKEN_ENV } from './support/harness.js';

describe('TokenBuckets', () => {
  it('allows the burst, then refills at the rate, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 4, burst: 2 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 1]);
    expect(buckets.take('b')).toBe(0);
    now = 250;
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 1]);
    now = 10_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 1]);
  });

  it('answers Retry-After in whole seconds, at least 1', () => {
    const fast = new TokenBuckets({ perSecond: 1000, burst: 1 }, () => 0);
    fast.take('k');
    expect(fast.take('k')).toBe(1);
  });

  it('forgets refilled buckets once many keys exist, so memory stays bounded', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 10, burst: 1 }, () => now);
    for (let i = 0; i < 10_000; i += 1) buckets.take(`k${i}`);
    expect(buckets.size).toBe(10_000);
    now = 1_000;
    buckets.take('late');
    // Every refilled bucket is gone; only the one just drained remains.
    expect(buckets.size).toBe(1);
  });
});

describe('createTokenVerifier', () => {
  it('accepts only the exact token', () => {
    const verify = createTokenVerifier(TOKEN);
    expect(verify(TOKEN)).toBe(true);
    for (const other of ['', TOKEN.slice(1), `${TOKEN} `, TOKEN.toUpperCase()]) expect(verify(other)).toBe(false);
  });
});

describe('SessionRegistry', () => {
  function registry(max = 3) {
    let now = 0;
    const closed: string[] = [];
    const reg = new SessionRegistry<string>({ ttlMs: 1000, maxSessions: max, nowMs: () => now, closeValue: async (v) => void closed.push(v) });
    return { reg, closed, advance: (ms: number) => (now += ms) };
  }

  it('binds a session to the caller key that created it', () => {
    const { reg } = registry();
    reg.add('s1', 'tok:a', 'one');
    expect(reg.get('s1', 'tok:b')).toBeUndefined();
    expect(reg.get('s1', 'tok:a')).toBe('one');
  });

  it('expires idle sessions on lookup and on sweep', () => {
    const { reg, closed, advance } = registry();
    reg.add('s1', 'k', 'one');
    reg.add('s2', 'k', 'two');
    advance(600);
    expect(reg.get('s1', 'k')).toBe('one');
    advance(600);
    reg.sweep();
    expect(closed).toEqual(['two']);
    advance(600);
    expect(reg.get('s1', 'k')).toBeUndefined();
    expect(closed).toEqual(['two', 'one']);
    expect(reg.size).toBe(0);
  });

  it('evicts the least recently used at the cap', () => {
    const { reg, closed } = registry(2);
    reg.add('s1', 'k', 'one');
    reg.add('s2', 'k', 'two');
    reg.get('s1', 'k');
    reg.add('s3', 'k', 'three');
    expect(closed).toEqual(['two']);
    expect(reg.size).toBe(2);
  });
});

describe('createScrubber', () => {
  it('redacts URLs of every supported engine and the token, keeping structure', () => {
    const scrub = createScrubber('se"cret');
    expect(
      scrub({ a: ['postgresql://u:p@h/db?x=1', 'mysql://r@h', 'MariaDB://h/x', 'postgres+ssl://h'], b: 'key se"cret end', n: 3 }),
    ).toEqual({ a: ['[redacted-database-url]', '[redacted-database-url]', '[redacted-database-url]', '[redacted-database-url]'], b: 'key [redacted-token] end', n: 3 });
  });
});

describe('resolveHttpOptions start refusals', () => {
  const env = { [TOKEN_ENV]: TOKEN };
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(SynapsorError);
      expect((error as Error).message).not.toContain(TOKEN);
      return (error as SynapsorError).code;
    }
    return 'NO_ERROR';
  };

  it('refuses to start without a token, naming only the env var', () => {
    expect(code(() => resolveHttpOptions({ version: '1', env: {} }, 'streamable-http', 8766))).toBe('HTTP_AUTH_TOKEN_MISSING');
    expect(code(() => resolveHttpOptions({ version: '1', env: { [TOKEN_ENV]: '' } }, 'http', 8765))).toBe('HTTP_AUTH_TOKEN_MISSING');
    expect(code(() => resolveHttpOptions({ version: '1', env, authTokenEnv: 'OTHER' }, 'http', 8765))).toBe('HTTP_AUTH_TOKEN_MISSING');
  });

  it('refuses --dev-no-auth off loopback', () => {
    for (const host of ['0.0.0.0', '10.0.0.5', 'example.com']) {
      expect(code(() => resolveHttpOptions({ version: '1', devNoAuth: true, host, allowedHosts: ['x'] }, 'http', 8765))).toBe(
        'HTTP_DEV_NO_AUTH_UNSAFE_HOST',
      );
    }
    expect(resolveHttpOptions({ version: '1', devNoAuth: true, host: '::1' }, 'http', 8765).token).toBeNull();
  });

  it('requires an allowed host for wildcard binds, then warns', () => {
    for (const host of ['0.0.0.0', '::']) {
      expect(code(() => resolveHttpOptions({ version: '1', env, host }, 'http', 8765))).toBe('HTTP_ALLOWED_HOST_REQUIRED');
    }
    const resolved = resolveHttpOptions({ version: '1', env, host: '0.0.0.0', allowedHosts: ['runner.example'] }, 'http', 8765);
    expect(resolved.warnings).toEqual([expect.stringContaining('every interface')]);
  });

  it('warns about a short token without printing it', () => {
    const resolved = resolveHttpOptions({ version: '1', env: { [TOKEN_ENV]: 'short-secret' } }, 'http', 8765);
    expect(resolved.warnings).toEqual([`the token in env ${TOKEN_ENV} is shorter than 32 characters`]);
    expect(resolveHttpOptions({ version: '1', env }, 'http', 8765).warnings).toEqual([]);
  });

  it('applies defaults and rejects invalid values', () => {
    const resolved = resolveHttpOptions({ version: '1', env }, 'streamable-http', 8766);
    expect(resolved).toMatchObject({ host: '127.0.0.1', port: 8766, authTokenEnv: TOKEN_ENV, rateLimit: { perSecond: 50, burst: 100 }, requestTimeoutMs: 30_000 });
    expect(resolveHttpOptions({ version: '1', env, rateLimit: 0 }, 'http', 1).rateLimit).toBeNull();
    expect(resolveHttpOptions({ version: '1', env, rateLimit: { perSecond: 0, burst: 0 } }, 'http', 1).rateLimit).toBeNull();
    for (const bad of [
      { port: 70000 },
      { port: 1.5 },
      { rateLimit: { perSecond: 5, burst: 0 } },
      { rateLimit: { perSecond: -1, burst: 3 } },
      { requestTimeoutMs: 0 },
      { allowedOrigins: ['*'] },
      { allowedOrigins: ['https://app.example/path'] },
    ]) {
      expect([bad, code(() => resolveHttpOptions({ version: '1', env, ...bad }, 'http', 8765))]).toEqual([bad, 'HTTP_OPTION_INVALID']);
    }
  });
});

describe('withRequestTimeout', () => {
  it('delegates everything and rejects only calls that outlive the limit', async () => {
    vi.useFakeTimers();
    try {
      const stub = createStubRuntime({ missingEnv: ['X_ENV'] });
      const timed = withRequestTimeout(stub, 1000);
      expect([timed.mode, timed.aliasMode, timed.resultFormat, timed.missingEnv()]).toEqual(['review', 'canonical', 2, ['X_ENV']]);
      expect(timed.listTools()).toBe(stub.listTools());
      expect(timed.listResourceTemplates()).toEqual(stub.listResourceTemplates());
      const entries: unknown[] = [];
      timed.onCallLog!((entry) => entries.push(entry));
      expect((await timed.callTool(READ_TOOL, {})).structuredContent).toMatchObject({ ok: true });
      expect(entries).toHaveLength(1);
      await expect(timed.readResource('synapsor://evidence/nope')).rejects.toMatchObject({ data: { code: 'RESOURCE_NOT_FOUND' } });

      const slow = timed.callTool(SLOW_TOOL, {});
      const settled = expect(slow).rejects.toMatchObject({ code: -32001, message: 'Request timed out' });
      await vi.advanceTimersByTimeAsync(1000);
      await settled;
      stub.releaseSlow();

      await timed.expireDue();
      await timed.close();
      expect([stub.counts.expireDue, stub.counts.close]).toEqual([1, 1]);
    } finally {
      vi.useRealTimers();
    }
  });
});
