import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  RequestSchema,
  type CallToolResult,
  type ListToolsResult,
  type ReadResourceResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Runtime } from '../runtime/types.js';
import type { McpLogger } from './call-logger.js';
import { SERVER_INSTRUCTIONS, SERVER_NAME } from './instructions.js';
import { ExactMcpError, internalRpcError, toResourceRpcError } from './rpc-error.js';

export interface McpServerOptions {
  version: string;
  /** Receives one line per unexpected runtime failure (error name only, never its message). */
  logger?: Pick<McpLogger, 'error'>;
}

/**
 * `tools/call` request schema that accepts any `arguments` value. The SDK's own schema rejects a
 * non-object with a protocol error, but the spec wants that case answered by the runtime as an
 * `INVALID_ARGUMENT` envelope the model can act on.
 */
const LooseCallToolRequestSchema = RequestSchema.extend({
  method: CallToolRequestSchema.shape.method,
});

function toolName(params: Record<string, unknown> | undefined): string {
  const name = params?.name;
  if (typeof name !== 'string') {
    throw new ExactMcpError(ErrorCode.InvalidParams, 'Invalid params: name must be a string');
  }
  return name;
}

/** Builds the MCP server for one session (or the stdio process) over the shared runtime. */
export function createMcpServer(runtime: Runtime, options: McpServerOptions): Server {
  const server = new Server(
    { name: SERVER_NAME, version: options.version },
    {
      capabilities: { tools: { listChanged: false }, resources: { subscribe: false, listChanged: false } },
      instructions: SERVER_INSTRUCTIONS,
    },
  );

  const failClosed = (method: string, error: unknown): McpError => {
    // Timeouts and other deliberate protocol errors carry safe messages; anything else is opaque.
    if (error instanceof McpError) return error;
    options.logger?.error({ event: 'mcp_handler_failed', method, error: (error as Error)?.name ?? 'unknown' });
    return internalRpcError();
  };

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: runtime.listTools() as unknown as ListToolsResult['tools'],
  }));

  // Registered through Protocol to bypass Server's strict re-validation of `arguments`.
  Protocol.prototype.setRequestHandler.call(
    server,
    LooseCallToolRequestSchema,
    async (request: { params?: Record<string, unknown> }): Promise<CallToolResult> => {
      const name = toolName(request.params);
      const args = request.params?.arguments === undefined ? {} : request.params.arguments;
      try {
        return (await runtime.callTool(name, args)) as unknown as CallToolResult;
      } catch (error) {
        throw failClosed('tools/call', error);
      }
    },
  );

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [...runtime.listResourceTemplates()],
  }));
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return (await runtime.readResource(request.params.uri)) as unknown as ReadResourceResult;
    } catch (error) {
      const mapped = toResourceRpcError(error);
      if (mapped.code === ErrorCode.InternalError) failClosed('resources/read', error);
      throw mapped;
    }
  });

  return server;
}
