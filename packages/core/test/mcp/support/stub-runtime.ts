// In-test Runtime: deterministic, counts every call so refusal tests can prove nothing reached it.
import type { JsonObject } from '../../../src/records/index.js';
import type { CallLogEntry, Runtime, ToolCallResult, ToolDescriptor } from '../../../src/runtime/types.js';

export const READ_TOOL = 'billing.inspect_invoice';
export const PROPOSAL_TOOL = 'billing.propose_credit';
/** Waits for `releaseSlow()`; used for concurrency and timeout tests. */
export const SLOW_TOOL = 'ops.slow_lookup';
/** Answers with a text that embeds the value of env `LEAK_ME` (to prove the bridge scrubs). */
export const LEAKY_TOOL = 'ops.leaky';

/** Mirrors the runtime's ResourceError: JSON-RPC code plus a safe data code. */
export class StubResourceError extends Error {
  constructor(
    readonly code: number,
    readonly data: { code: string },
  ) {
    super(`resource error ${data.code} at /secret/path`);
  }
}

function descriptor(name: string, kind: 'read' | 'proposal'): ToolDescriptor {
  return {
    name,
    description: `Stub ${kind} tool.`,
    inputSchema: {
      type: 'object',
      properties: { invoice_id: { type: 'string', description: 'invoice_id business argument', maxLength: 64 } },
      required: [],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: kind === 'read', destructiveHint: false, idempotentHint: kind === 'read', openWorldHint: false },
    _meta: { 'synapsor.kind': kind, 'synapsor.canonical_tool_name': name },
  };
}

function envelope(action: string, ok: boolean, extra: Record<string, unknown>): ToolCallResult {
  const body = {
    ok,
    summary: ok ? `Read invoice through ${action}. Source database changed: no.` : String(extra.message),
    action,
    kind: action === PROPOSAL_TOOL ? 'proposal' : 'read',
    data: ok ? { id: 'inv_1', status: 'open' } : null,
    proposal: null,
    error: ok ? null : { code: extra.code, message: extra.message, retryable: false, hint: 'fix it' },
    evidence: ok ? { bundle_id: 'ev_000000000000000000000001', resource: 'synapsor://evidence/ev_000000000000000000000001', note: 'audit handle; no action needed' } : null,
    source_database_changed: false,
    _meta: {},
  };
  return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body as JsonObject };
}

export interface StubRuntime extends Runtime {
  readonly counts: { listTools: number; callTool: number; readResource: number; close: number; expireDue: number };
  readonly calls: Array<{ name: string; args: unknown }>;
  /** Resolves when a slow call has started; `releaseSlow` lets every waiting slow call finish. */
  slowStarted(): Promise<void>;
  releaseSlow(): void;
}

export interface StubOptions {
  mode?: Runtime['mode'];
  missingEnv?: string[];
  env?: Record<string, string | undefined>;
}

export function createStubRuntime(options: StubOptions = {}): StubRuntime {
  const tools = [descriptor(READ_TOOL, 'read'), descriptor(PROPOSAL_TOOL, 'proposal'), descriptor(SLOW_TOOL, 'read'), descriptor(LEAKY_TOOL, 'read')];
  const listeners = new Set<(entry: CallLogEntry) => void>();
  const counts = { listTools: 0, callTool: 0, readResource: 0, close: 0, expireDue: 0 };
  const calls: Array<{ name: string; args: unknown }> = [];
  let slowWaiters: Array<() => void> = [];
  let startedWaiters: Array<() => void> = [];

  const emit = (entry: CallLogEntry): void => {
    for (const listener of listeners) listener(entry);
  };

  async function run(name: string, args: unknown): Promise<ToolCallResult> {
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return envelope(name, false, { code: 'INVALID_ARGUMENT', message: 'Arguments must be an object.' });
    }
    if (name === SLOW_TOOL) {
      for (const resolve of startedWaiters) resolve();
      startedWaiters = [];
      await new Promise<void>((resolve) => slowWaiters.push(resolve));
    }
    if (name === LEAKY_TOOL) {
      const text = `driver said: ${options.env?.LEAK_ME ?? ''}`;
      return { content: [{ type: 'text', text }] };
    }
    if (!tools.some((tool) => tool.name === name)) {
      return envelope(name, false, { code: 'CAPABILITY_NOT_FOUND', message: 'Unknown tool.' });
    }
    return envelope(name, true, {});
  }

  return {
    mode: options.mode ?? 'review',
    aliasMode: 'canonical',
    resultFormat: 2,
    counts,
    calls,
    listTools() {
      counts.listTools += 1;
      return tools;
    },
    async callTool(name, args) {
      counts.callTool += 1;
      calls.push({ name, args });
      const result = await run(name, args);
      const body = result.structuredContent as { ok?: boolean; error?: { code: string } } | undefined;
      emit({
        tool: name,
        kind: 'read',
        outcome: body?.ok === false ? (body.error?.code ?? 'INTERNAL') : 'ok',
        duration_ms: 1,
        ...(body?.ok ? { evidence_bundle_id: 'ev_000000000000000000000001' } : {}),
      });
      return result;
    },
    async readResource(uri) {
      counts.readResource += 1;
      const match = /^synapsor:\/\/evidence\/(.*)$/.exec(uri);
      if (match && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(match[1]!)) {
        throw new StubResourceError(-32602, { code: 'RESOURCE_ID_INVALID' });
      }
      if (uri !== 'synapsor://evidence/ev_000000000000000000000001') {
        throw new StubResourceError(-32002, { code: 'RESOURCE_NOT_FOUND' });
      }
      const text = JSON.stringify({ evidence_bundle_id: 'ev_000000000000000000000001', kind: 'read' });
      return { contents: [{ uri, mimeType: 'application/json', text }] };
    },
    listResourceTemplates() {
      return [
        { uriTemplate: 'synapsor://evidence/{evidence_bundle_id}', name: 'evidence', description: 'Evidence bundle', mimeType: 'application/json' },
      ];
    },
    missingEnv() {
      return options.missingEnv ?? [];
    },
    onCallLog(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async expireDue() {
      counts.expireDue += 1;
      return 0;
    },
    async close() {
      counts.close += 1;
    },
    slowStarted() {
      if (slowWaiters.length > 0) return Promise.resolve();
      return new Promise<void>((resolve) => startedWaiters.push(resolve));
    },
    releaseSlow() {
      for (const resolve of slowWaiters) resolve();
      slowWaiters = [];
    },
  };
}
