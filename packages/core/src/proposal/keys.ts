import { hashCanonical, sha256Hex } from '../hashing/index.js';
import type { ExpectedVersion, Row } from '../records/index.js';

export interface DedupeInput {
  action: string;
  source_id: string;
  schema: string;
  table: string;
  tenant_id: string;
  principal: string;
  object_id: string;
  patch: Row;
  expected_version: ExpectedVersion;
}

/** Step 15: identical re-proposals (same object, patch and version) share one key. */
export function dedupeKeyOf(input: DedupeInput): string {
  return hashCanonical({
    action: input.action,
    source_id: input.source_id,
    schema: input.schema,
    table: input.table,
    tenant_id: input.tenant_id,
    principal: input.principal,
    object_id: input.object_id,
    patch: input.patch,
    expected_version: input.expected_version,
  });
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** `<proposal_id>:<object_id>`; too long → `<proposal_id>:h` + 32 hex of sha256(object_id). */
export function idempotencyKeyOf(proposalId: string, objectId: string): string {
  const plain = `${proposalId}:${objectId}`;
  if (plain.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return plain;
  return `${proposalId}:h${sha256Hex(objectId).slice(0, 32)}`;
}
