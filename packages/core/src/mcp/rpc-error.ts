import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

/**
 * An `McpError` whose wire message is exactly `message`: the SDK's constructor prefixes
 * "MCP error <code>: ", and the spec fixes messages such as `Resource not found`.
 */
export class ExactMcpError extends McpError {
  constructor(code: number, message: string, data?: { code: string }) {
    super(code, message, data);
    this.message = message;
  }
}

export const RESOURCE_NOT_FOUND = -32002;
export const INVALID_PARAMS = ErrorCode.InvalidParams;

const RESOURCE_CODES: Readonly<Record<string, { rpc: number; message: string }>> = {
  RESOURCE_NOT_FOUND: { rpc: RESOURCE_NOT_FOUND, message: 'Resource not found' },
  RESOURCE_ID_INVALID: { rpc: INVALID_PARAMS, message: 'Invalid resource id' },
};

function dataCodeOf(error: object): string | undefined {
  const candidate = error as { data?: { code?: unknown }; dataCode?: unknown; code?: unknown };
  for (const value of [candidate.data?.code, candidate.dataCode, candidate.code]) {
    if (typeof value === 'string' && value in RESOURCE_CODES) return value;
  }
  return undefined;
}

/**
 * Maps whatever `runtime.readResource` threw to a JSON-RPC error. Only the two safe resource
 * codes pass through (matched on the data code, so it works for the runtime's `ResourceError`
 * and for a `SynapsorError` alike); anything else becomes a generic internal error so driver
 * text or paths never reach the client.
 */
export function toResourceRpcError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  const dataCode = typeof error === 'object' && error !== null ? dataCodeOf(error) : undefined;
  if (dataCode !== undefined) {
    const { rpc, message } = RESOURCE_CODES[dataCode]!;
    return new ExactMcpError(rpc, message, { code: dataCode });
  }
  return internalRpcError();
}

export function internalRpcError(): McpError {
  return new ExactMcpError(ErrorCode.InternalError, 'Internal error');
}
