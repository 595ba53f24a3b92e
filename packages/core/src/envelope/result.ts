import type { JsonObject } from '../records/index.js';
import type { ToolCallResult } from '../runtime/types.js';

/** MCP `CallToolResult`: the envelope as text and as structured content. */
export function toCallResult(envelope: object, isError = false): ToolCallResult {
  const result: ToolCallResult = {
    content: [{ type: 'text', text: JSON.stringify(envelope) }],
    structuredContent: envelope as JsonObject,
  };
  if (isError) result.isError = true;
  return result;
}
