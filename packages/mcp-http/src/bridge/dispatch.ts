import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { Runtime } from '@synapsor/core';
import { toResourceRpcError } from '@synapsor/core/mcp';
import { isTimeout, TIMEOUT_MESSAGE } from '../timeout.js';

type Id = string | number | null;

export interface RpcResponse {
  jsonrpc: '2.0';
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data?: { code: string } };
}

class BridgeError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: { code: string },
  ) {
    super(message);
  }
}

const failure = (id: Id, code: number, message: string, data?: { code: string }): RpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: data ? { code, message, data } : { code, message },
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new BridgeError(ErrorCode.InvalidParams, `Invalid params: ${name} must be a string`);
  return value;
}

type Handler = (runtime: Runtime, params: Record<string, unknown>) => Promise<unknown>;

const METHODS: Readonly<Record<string, Handler>> = {
  'tools/list': async (runtime) => ({ tools: runtime.listTools() }),
  'tools/call': async (runtime, params) => {
    const name = stringParam(params, 'name');
    const args = params.arguments !== undefined ? params.arguments : params.args !== undefined ? params.args : {};
    return runtime.callTool(name, args);
  },
  'resources/read': async (runtime, params) => {
    const uri = stringParam(params, 'uri');
    try {
      return await runtime.readResource(uri);
    } catch (error) {
      if (isTimeout(error)) throw error;
      const mapped = toResourceRpcError(error);
      throw new BridgeError(mapped.code, mapped.message, mapped.data as { code: string } | undefined);
    }
  },
};

function parse(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/**
 * One JSON-RPC 2.0 request in, one response out (mcp.md "JSON-RPC bridge"). Never throws;
 * errors carry only fixed or spec-defined messages.
 */
export async function dispatchBridgeRequest(runtime: Runtime, rawBody: unknown): Promise<RpcResponse> {
  const parsed = parse(rawBody);
  if (!parsed.ok) return failure(null, ErrorCode.ParseError, 'Parse error');
  const request = parsed.value;
  if (!isRecord(request)) return failure(null, ErrorCode.InvalidRequest, 'Invalid Request');
  const rawId = request.id;
  const idValid = rawId === undefined || rawId === null || typeof rawId === 'string' || typeof rawId === 'number';
  const id: Id = idValid ? ((rawId as Id | undefined) ?? null) : null;
  if (!idValid || typeof request.method !== 'string') return failure(id, ErrorCode.InvalidRequest, 'Invalid Request');
  const handler = Object.hasOwn(METHODS, request.method) ? METHODS[request.method] : undefined;
  if (handler === undefined) {
    return failure(id, ErrorCode.MethodNotFound, 'Method not found', { code: 'HTTP_JSONRPC_METHOD_UNSUPPORTED' });
  }
  const params = request.params ?? {};
  if (!isRecord(params)) return failure(id, ErrorCode.InvalidParams, 'Invalid params: params must be an object');
  try {
    return { jsonrpc: '2.0', id, result: await handler(runtime, params) };
  } catch (error) {
    if (error instanceof BridgeError) return failure(id, error.code, error.message, error.data);
    const message = isTimeout(error) ? TIMEOUT_MESSAGE : 'Internal error';
    return failure(id, -32000, message);
  }
}
