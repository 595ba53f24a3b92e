import type { JsonObject } from '../records/index.js';

export type AliasMode = 'canonical' | 'openai' | 'both';
export type ResultFormat = 1 | 2;

/** One MCP tool as published by tools/list (our own JSON Schemas, no zod). */
export interface ToolDescriptor {
  name: string;
  description: string;
  inputSchema: JsonObject & { type: 'object' };
  outputSchema?: JsonObject & { type: 'object' };
  annotations: {
    readOnlyHint: boolean;
    destructiveHint: false;
    idempotentHint: boolean;
    openWorldHint: false;
  };
  _meta: JsonObject;
}

/** MCP `CallToolResult` shape the runtime returns for every call (never throws). */
export interface ToolCallResult {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: JsonObject;
  isError?: boolean;
}

export interface ResourceContents {
  contents: Array<{ uri: string; mimeType: 'application/json'; text: string }>;
}

export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  description: string;
  mimeType: 'application/json';
}

/** Per-call log line handed to the transport's logger: never argument or row values. */
export interface CallLogEntry {
  tool: string;
  kind: 'read' | 'proposal' | null;
  outcome: string;
  duration_ms: number;
  evidence_bundle_id?: string;
  proposal_id?: string;
  error_ref?: string;
}

/**
 * Transport-agnostic runtime: one per process, shared by every session and transport.
 * `callTool` and `readResource` never throw for tool-level failures.
 */
export interface Runtime {
  readonly mode: 'read_only' | 'shadow' | 'review';
  readonly aliasMode: AliasMode;
  readonly resultFormat: ResultFormat;
  listTools(): readonly ToolDescriptor[];
  callTool(name: string, args: unknown): Promise<ToolCallResult>;
  /** Throws `ResourceError` (JSON-RPC code + safe data code) for unknown/foreign ids. */
  readResource(uri: string): Promise<ResourceContents>;
  listResourceTemplates(): readonly ResourceTemplate[];
  /** Names of env vars the config needs but the env map lacks (logged once at startup). */
  missingEnv(): string[];
  /**
   * Optional: subscribe to one entry per finished tool call (transports turn them into log
   * lines). Returns the unsubscribe function.
   */
  onCallLog?(listener: (entry: CallLogEntry) => void): () => void;
  /** Moves due proposals to `expired` (at start and every 60 s while serving); returns how many. */
  expireDue(): Promise<number>;
  close(): Promise<void>;
}
