import type { Kysely, Transaction } from 'kysely';
import type { JsonObject } from '@synapsor/core';
import type { WritebackRequest } from './request-schema.js';

export interface ActionResult {
  rows_affected?: number;
  new_version?: string | null;
  new_object_id?: string | null;
  details?: JsonObject;
}

/** An app action: runs inside the one transaction with the locked target row. */
export type WritebackAction = (input: {
  request: WritebackRequest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tx: Transaction<any>;
  row: Record<string, unknown>;
}) => Promise<ActionResult | void>;

export interface VerifyOptions {
  tokenEnv?: string;
  signingSecretEnv?: string;
  requireSignature?: boolean;
  issuedAtSkewMs?: number;
  maxBodyBytes?: number;
  /** Defaults to `process.env` (the app's own environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Registered actions; check 12 runs only when given. */
  actions?: Readonly<Record<string, WritebackAction>>;
  /** The app's tenant/principal policy (check 13); a throw counts as "no". */
  authorize?: (request: WritebackRequest) => boolean | Promise<boolean>;
  /** Injected clock for tests. */
  now?: () => Date;
}

export interface HandlerOptions extends VerifyOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: Kysely<any>;
  receiptTable?: { schema?: string; table: string };
  actions: Readonly<Record<string, WritebackAction>>;
  /** Detected from the kysely adapter when omitted. */
  dialect?: 'postgres' | 'mysql';
}

export const DEFAULTS = {
  tokenEnv: 'SYNAPSOR_APP_WRITEBACK_TOKEN',
  signingSecretEnv: 'SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET',
  issuedAtSkewMs: 300_000,
  maxBodyBytes: 1024 * 1024,
  receiptTable: 'synapsor_handler_receipts',
} as const;

export interface HandlerInput {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: string | Uint8Array;
}

export interface HandlerResponse {
  status: number;
  body: JsonObject;
}

/** Error bodies never carry more than this: no driver text, no echo of the request. */
export function failure(status: number, code: string): HandlerResponse {
  return { status, body: { status: 'failed', safe_error_code: code, rows_affected: 0, source_database_mutated: false } };
}
