import type { CallLogEntry, Runtime } from '../runtime/types.js';

/** The slice of a pino logger the transports use; core does not depend on pino itself. */
export interface McpLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/**
 * Turns the runtime's per-call entries into one log line each. Fields are copied one by one
 * (never spread) so an argument or row value added to an entry by mistake cannot reach a log.
 */
export function createCallLogger(logger: Pick<McpLogger, 'info'>): (entry: CallLogEntry) => void {
  return (entry) => {
    const line: Record<string, string | number | null> = {
      event: 'tool_call',
      tool: entry.tool,
      kind: entry.kind,
      outcome: entry.outcome,
      duration_ms: entry.duration_ms,
    };
    if (entry.evidence_bundle_id !== undefined) line.evidence_bundle_id = entry.evidence_bundle_id;
    if (entry.proposal_id !== undefined) line.proposal_id = entry.proposal_id;
    if (entry.error_ref !== undefined) line.error_ref = entry.error_ref;
    logger.info(line, 'tool call');
  };
}

/**
 * Subscribes a call logger to a runtime that publishes call entries; returns the unsubscribe.
 * Runtimes without `onCallLog` (the CLI may wire the logger at creation instead) get a no-op.
 */
export function attachCallLogger(runtime: Runtime, logger: Pick<McpLogger, 'info'>): () => void {
  return runtime.onCallLog?.(createCallLogger(logger)) ?? (() => {});
}
