import * as v from 'valibot';
import { isSafeCode } from '@synapsor/core';
import type { JsonObject } from '@synapsor/core';
import { asDryRun, failedOutcome, type AttemptOutcome } from './receipt.js';
import { boundedDetails, redactText } from './redact.js';

const nullableString = v.optional(v.nullable(v.string()));

/** What a handler returns (writeback.md "Handler receipt"); extra keys are ignored. */
const HandlerReceiptSchema = v.looseObject({
  status: v.picklist(['applied', 'already_applied', 'conflict', 'failed']),
  rows_affected: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  source_database_mutated: v.optional(v.boolean()),
  previous_version: nullableString,
  new_version: nullableString,
  new_object_id: nullableString,
  safe_error_code: v.optional(v.nullable(v.string())),
  details: v.optional(v.record(v.string(), v.unknown())),
});

const DEFAULT_CODE = { failed: 'HANDLER_FAILED', conflict: 'HANDLER_CONFLICT' } as const;

/** Parses one handler response text into an attempt outcome; never throws. */
export function parseHandlerReceipt(text: string, options: { dryRun: boolean; secrets: readonly string[] }): AttemptOutcome {
  let json: unknown;
  try {
    if (text.trim() === '') return failedOutcome('HANDLER_INVALID_JSON');
    json = JSON.parse(text);
  } catch {
    return failedOutcome('HANDLER_INVALID_JSON');
  }
  const parsed = v.safeParse(HandlerReceiptSchema, json);
  if (!parsed.success) return failedOutcome('HANDLER_BAD_RECEIPT');
  const receipt = parsed.output;
  const applied = receipt.status === 'applied';
  let code: string | null = null;
  if (receipt.status === 'failed' || receipt.status === 'conflict') {
    code = isSafeCode(receipt.safe_error_code) ? receipt.safe_error_code : DEFAULT_CODE[receipt.status];
  }
  const details: JsonObject = { ...((receipt.details ?? {}) as JsonObject) };
  // Versions are handler-chosen text stored in the receipt too: same rules as details.
  const version = (value: string | null | undefined) => (value == null ? null : redactText(value, options.secrets));
  if (receipt.new_object_id != null) details.new_object_id = receipt.new_object_id;
  const outcome: AttemptOutcome = {
    status: receipt.status,
    rows_affected: receipt.rows_affected ?? (applied ? 1 : 0),
    previous_version: version(receipt.previous_version),
    new_version: version(receipt.new_version),
    source_database_mutated: receipt.source_database_mutated ?? applied,
    safe_error_code: code,
    details: boundedDetails(details, options.secrets),
  };
  return options.dryRun ? asDryRun(outcome) : outcome;
}

/** A non-2xx answer: the body's safe code when it has one, else `HANDLER_HTTP_<status>`. */
export function httpErrorCode(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { safe_error_code?: unknown };
    if (body && typeof body === 'object' && isSafeCode(body.safe_error_code)) return body.safe_error_code;
  } catch {
    // Non-JSON error bodies are expected (proxies, HTML error pages).
  }
  return `HANDLER_HTTP_${status}`;
}
