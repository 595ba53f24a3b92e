import { describe, expect, it } from 'vitest';
import { hashCanonical, sealedHashOf } from '../../src/hashing/index.js';
import { evidenceIntact, queryAuditIntact } from '../../src/ledger/index.js';
import { buildQueryAudit } from '../../src/plan/index.js';
import type { ReadPlan } from '../../src/ports/index.js';

const plan = {
  source_id: 'app',
  engine: 'postgres',
  schema: 'public',
  table: 'invoices',
  columns: ['id', 'status'],
  visible_columns: ['id', 'status'],
  primary_key: 'id',
  lookup_value: 'INV-1',
  tenant_key: 'tenant_id',
  tenant_value: 'acme',
  limit: 2,
  statement_timeout_ms: 5000,
} as ReadPlan;

const audit = () =>
  buildQueryAudit({
    query_audit_id: 'qa_000000000000000000000001',
    evidence_bundle_id: null,
    proposal_id: null,
    capability: 'billing.inspect_invoice',
    kind: 'read',
    plan,
    context: { tenant_id: 'acme', principal: 'support.agent', provenance: 'environment' },
    object_id: 'INV-1',
    statement_template: 'SELECT 1',
    query_fingerprint: `sha256:${'0'.repeat(64)}`,
    row_count: 0,
    outcome: 'not_found',
    error_code: 'ROW_NOT_FOUND',
    duration_ms: 1,
    created_at: '2026-06-20T14:00:00.000Z',
  });

describe('records sealed when hashed', () => {
  it('are deep-frozen, so nothing can change them after their hash was taken', () => {
    const record = audit();
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.columns)).toBe(true);
    expect(() => {
      (record as { object_id: string }).object_id = 'INV-2';
    }).toThrow(TypeError);
    expect(() => (record.columns as string[]).push('secret')).toThrow(TypeError);
  });

  it('remember the hash of their content, which the integrity check accepts', () => {
    const record = audit();
    const { content_hash: _omitted, ...content } = record;
    expect(sealedHashOf(record)).toBe(hashCanonical(content));
    expect(record.content_hash).toBe(hashCanonical(content));
    expect(queryAuditIntact(record)).toBe(true);
  });

  it('copies are not sealed: a changed copy is recomputed and refused', () => {
    const changed = { ...audit(), object_id: 'INV-2' };
    expect(sealedHashOf(changed)).toBeUndefined();
    expect(queryAuditIntact(changed)).toBe(false);
    expect(queryAuditIntact({ ...audit() })).toBe(true);
  });

  it('a forged content_hash on an unsealed evidence bundle is refused', () => {
    const forged = { content_hash: `sha256:${'1'.repeat(64)}`, evidence_bundle_id: 'ev_1' } as never;
    expect(evidenceIntact(forged)).toBe(false);
  });
});
