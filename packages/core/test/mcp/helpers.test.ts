import { describe, expect, it, vi } from 'vitest';
import { attachCallLogger, createCallLogger, describeStartup, EXPIRY_INTERVAL_MS, scheduleExpiry, toResourceRpcError } from '../../src/mcp.js';
import type { CallLogEntry, Runtime } from '../../src/runtime/types.js';
import { SynapsorError } from '../../src/errors/index.js';
import { createStubRuntime, READ_TOOL } from './support/stub-runtime.js';

function capture() {
  const lines: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
  return { lines, logger: { info: (obj: object, msg?: string) => lines.push({ obj: obj as Record<string, unknown>, msg }) } };
}

describe('createCallLogger', () => {
  it('writes one line with only the known, value-free fields', () => {
    const { lines, logger } = capture();
    const entry = {
      tool: 'billing.inspect_invoice',
      kind: 'read',
      outcome: 'ok',
      duration_ms: 3,
      evidence_bundle_id: 'ev_1',
      args: { invoice_id: 'inv_secret_value' },
    } as CallLogEntry;
    createCallLogger(logger)(entry);
    expect(lines).toEqual([
      {
        msg: 'tool call',
        obj: { event: 'tool_call', tool: 'billing.inspect_invoice', kind: 'read', outcome: 'ok', duration_ms: 3, evidence_bundle_id: 'ev_1' },
      },
    ]);
  });

  it('attachCallLogger subscribes to runtime call entries and unsubscribes', async () => {
    const { lines, logger } = capture();
    const runtime = createStubRuntime();
    const detach = attachCallLogger(runtime, logger);
    await runtime.callTool(READ_TOOL, { invoice_id: 'inv_private' });
    detach();
    await runtime.callTool(READ_TOOL, {});
    expect(lines).toHaveLength(1);
    expect(lines[0]?.obj).toMatchObject({ tool: READ_TOOL, outcome: 'ok' });
    expect(JSON.stringify(lines)).not.toContain('inv_private');
  });

  it('attachCallLogger is a no-op for a runtime without onCallLog', () => {
    const { logger } = capture();
    const { onCallLog: _omit, ...plain } = createStubRuntime();
    expect(() => attachCallLogger(plain as Runtime, logger)()).not.toThrow();
  });
});

describe('toResourceRpcError', () => {
  it('maps SynapsorError codes too, and nothing else passes through', () => {
    expect(toResourceRpcError(new SynapsorError('RESOURCE_NOT_FOUND', 'x')).code).toBe(-32002);
    expect(toResourceRpcError(new SynapsorError('RESOURCE_ID_INVALID', 'x')).code).toBe(-32602);
    const other = toResourceRpcError(Object.assign(new Error('/path'), { code: 'ENOENT' }));
    expect({ code: other.code, message: other.message, data: other.data }).toEqual({ code: -32603, message: 'Internal error', data: undefined });
    expect(toResourceRpcError('string thrown').code).toBe(-32603);
  });
});

describe('describeStartup', () => {
  it('names everything the spec lists and no secret', () => {
    const runtime = createStubRuntime({ missingEnv: ['TENANT_ID'] });
    const lines = describeStartup(runtime, {
      version: '1.2.3',
      transport: 'streamable-http',
      url: 'http://127.0.0.1:8766/mcp',
      authTokenEnv: 'SYNAPSOR_RUNNER_HTTP_TOKEN',
      configPath: './synapsor.runner.json',
      storePath: './.synapsor/local.db',
      warnings: ['auth token is shorter than 32 characters'],
    });
    expect(lines).toEqual([
      'synapsor-runner 1.2.3',
      'transport: streamable-http http://127.0.0.1:8766/mcp',
      'mode: review',
      'tools: 4',
      'alias mode: canonical',
      'auth: bearer token from env SYNAPSOR_RUNNER_HTTP_TOKEN',
      'config: ./synapsor.runner.json',
      'store: ./.synapsor/local.db',
      'missing env: TENANT_ID (calls that need it answer TEMPORARILY_UNAVAILABLE)',
      'warning: auth token is shorter than 32 characters',
    ]);
  });

  it('says when auth is disabled and omits auth for stdio', () => {
    const runtime = createStubRuntime();
    expect(describeStartup(runtime, { version: '1', transport: 'http', authTokenEnv: null })).toContain(
      'auth: DISABLED (dev, loopback only)',
    );
    expect(describeStartup(runtime, { version: '1', transport: 'stdio' }).some((l) => l.startsWith('auth'))).toBe(false);
  });
});

describe('scheduleExpiry', () => {
  it('expires due proposals now and every 60 s until stopped; failures log a name only', async () => {
    vi.useFakeTimers();
    try {
      const runtime = createStubRuntime();
      const errors: object[] = [];
      let fail = false;
      const expireDue = runtime.expireDue.bind(runtime);
      runtime.expireDue = async () => {
        await expireDue();
        if (fail) throw new Error('SQLITE_BUSY /var/lib/store.db');
        return 0;
      };
      const stop = scheduleExpiry(runtime, { error: (obj) => errors.push(obj) });
      expect(runtime.counts.expireDue).toBe(1);
      await vi.advanceTimersByTimeAsync(EXPIRY_INTERVAL_MS);
      expect(runtime.counts.expireDue).toBe(2);
      fail = true;
      await vi.advanceTimersByTimeAsync(EXPIRY_INTERVAL_MS);
      expect(errors).toEqual([{ event: 'expire_due_failed', error: 'Error' }]);
      stop();
      await vi.advanceTimersByTimeAsync(EXPIRY_INTERVAL_MS * 3);
      expect(runtime.counts.expireDue).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
