import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import * as v from 'valibot';
import { LiveServerError, LiveTimeoutError } from './live-error.js';

/** The audit pins the protocol version it speaks; any version the server answers with is accepted. */
export const AUDIT_PROTOCOL_VERSION = '2025-06-18';
export const MAX_PAGES = 100;

const InitializeResult = v.looseObject({ protocolVersion: v.string() });
const ListToolsResult = v.looseObject({ tools: v.array(v.unknown()), nextCursor: v.optional(v.string()) });
const ResponseError = v.looseObject({ code: v.number(), message: v.optional(v.string()) });

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export interface ListedTools {
  tools: unknown[];
  /** True when the server still offered a `nextCursor` after MAX_PAGES pages. */
  truncated: boolean;
}

/**
 * A minimal MCP client over an SDK transport: `initialize`, `notifications/initialized`,
 * paginated `tools/list`. (The SDK `Client` always offers its latest protocol version; the
 * audit must offer 2025-06-18, so the handshake is driven here.)
 */
class Session {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly transport: Transport,
    describeClose: () => string,
  ) {
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = () => this.failAll(new LiveServerError(describeClose()));
  }

  private receive(message: JSONRPCMessage): void {
    const raw = message as Record<string, unknown>;
    const id = raw['id'];
    if ('method' in raw && id !== undefined) {
      // Server-to-client request: answer ping, refuse anything else (the audit offers no capabilities).
      const reply =
        raw['method'] === 'ping'
          ? { jsonrpc: '2.0' as const, id: id as number, result: {} }
          : { jsonrpc: '2.0' as const, id: id as number, error: { code: -32601, message: 'Method not found' } };
      this.transport.send(reply).catch(() => undefined);
      return;
    }
    if (typeof id !== 'number') return;
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    if ('error' in raw) {
      const error = v.safeParse(ResponseError, raw['error']);
      const detail = error.success ? ` ${error.output.code}` : '';
      pending.reject(new LiveServerError(`${pending.method} returned JSON-RPC error${detail}`));
    } else {
      pending.resolve(raw['result']);
    }
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async request(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { method, resolve, reject }));
    // The answer may be rejected (connection closed) while send is still in flight.
    answer.catch(() => undefined);
    try {
      await this.transport.send({ jsonrpc: '2.0', id, method, params });
    } catch (error) {
      this.pending.delete(id);
      throw error;
    }
    return answer;
  }

  async notify(method: string): Promise<void> {
    await this.transport.send({ jsonrpc: '2.0', method });
  }
}

function expectShape<S extends v.GenericSchema>(schema: S, value: unknown, method: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new LiveServerError(`${method} returned an invalid result`);
  return parsed.output;
}

export async function listToolsOver(
  transport: Transport,
  options: { clientVersion: string; describeClose: () => string },
): Promise<ListedTools> {
  const session = new Session(transport, options.describeClose);
  await transport.start();
  const init = expectShape(
    InitializeResult,
    await session.request('initialize', {
      protocolVersion: AUDIT_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'synapsor-runner-audit', version: options.clientVersion },
    }),
    'initialize',
  );
  transport.setProtocolVersion?.(init.protocolVersion);
  await session.notify('notifications/initialized');

  const tools: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = expectShape(
      ListToolsResult,
      await session.request('tools/list', cursor === undefined ? {} : { cursor }),
      'tools/list',
    );
    tools.push(...result.tools);
    cursor = result.nextCursor === '' ? undefined : result.nextCursor;
    if (cursor === undefined) return { tools, truncated: false };
  }
  return { tools, truncated: true };
}

/** Rejects with a timeout error when `work` has not settled after `ms`. The timer never outlives the call. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LiveTimeoutError(`timed out after ${ms} ms before ${what} completed`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
