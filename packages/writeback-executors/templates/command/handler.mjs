#!/usr/bin/env node
// Synapsor Runner command_handler template. Reads the request (one JSON line) from stdin and
// prints exactly one receipt JSON line last on stdout. Logs go to stderr. No signature (local).
import { createHash } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const reply = (receipt) => { process.stdout.write(`${JSON.stringify(receipt)}\n`); };
const fail = (code) => reply({ status: 'failed', safe_error_code: code, rows_affected: 0, source_database_mutated: false });

// JCS (RFC 8785) for the proposal-hash check: sorted keys, no whitespace.
const jcs = (v) => Array.isArray(v) ? `[${v.map(jcs).join(',')}]`
  : v && typeof v === 'object' ? `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`
  : JSON.stringify(v);

let request;
try { request = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { fail('BAD_JSON'); process.exit(0); }
if (request.protocol_version !== '1.0' || request.schema_version !== 'synapsor.handler-writeback.v1') { fail('UNSUPPORTED_PROTOCOL_VERSION'); process.exit(0); }
if (request.proposal_id !== process.env.SYNAPSOR_PROPOSAL_ID || request.idempotency_key !== process.env.SYNAPSOR_IDEMPOTENCY_KEY) { fail('BAD_WRITEBACK_REQUEST'); process.exit(0); }
const { integrity, ...changeSet } = request.change_set ?? {};
const hash = `sha256:${createHash('sha256').update(jcs(changeSet)).digest('hex')}`;
if (hash !== request.proposal_hash || integrity?.proposal_hash !== hash) { fail('PROPOSAL_HASH_MISMATCH'); process.exit(0); }
if (request.action !== 'support.propose_ticket_resolution') { fail('UNSUPPORTED_ACTION'); process.exit(0); }
// Your tenant/principal policy here (e.g. the tenant must be one this deployment serves).
if (!request.tenant_guard || request.tenant_guard.value !== process.env.APP_TENANT_ID) { fail('TENANT_NOT_ALLOWED'); process.exit(0); }

/* One transaction in your app's database (pseudo-code; use your ORM or driver):
   BEGIN
   SELECT status, receipt_json FROM synapsor_handler_receipts WHERE idempotency_key = $key FOR UPDATE
     applied  → reply already_applied (rows_affected 0) ; conflict → reply the stored conflict
   SELECT * FROM tickets WHERE id = $pk AND tenant_id = $tenant FOR UPDATE
     none     → store + reply conflict ROW_NOT_FOUND_OR_WRONG_TENANT
   version ≠ request.guards.expected_version.value → store + reply conflict ROW_CHANGED_AFTER_PROPOSAL
   request.dry_run → ROLLBACK, reply applied with rows_affected 0
   UPDATE tickets SET status = $patch.status, resolution_note = $patch.resolution_note, updated_at = now() WHERE id = $pk AND tenant_id = $tenant
   INSERT INTO synapsor_handler_receipts (...) VALUES (..., 'applied', $receipt)
   COMMIT */
if (request.dry_run) reply({ status: 'applied', rows_affected: 0, source_database_mutated: false, details: { dry_run: true } });
else fail('HANDLER_NOT_IMPLEMENTED');
