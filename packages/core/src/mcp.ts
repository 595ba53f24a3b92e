// @synapsor/core/mcp — the MCP SDK server over a Runtime, plus helpers both transports share.
export { createMcpServer, type McpServerOptions } from './mcp/server.js';
export { SERVER_INSTRUCTIONS, SERVER_NAME } from './mcp/instructions.js';
export { ExactMcpError, toResourceRpcError, internalRpcError, RESOURCE_NOT_FOUND } from './mcp/rpc-error.js';
export { createCallLogger, attachCallLogger, type McpLogger } from './mcp/call-logger.js';
export { describeStartup, type StartupInfo, type TransportName } from './mcp/startup.js';
export { scheduleExpiry, EXPIRY_INTERVAL_MS } from './mcp/expiry.js';
