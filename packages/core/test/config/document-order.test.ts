import { describe, expect, it } from 'vitest';
import { parseConfigText } from '@synapsor/core';
import { pathsAndCodes } from './helpers.js';

// Keys deliberately out of the usual order: issues must follow the text, not the schema.
const TEXT = `{
  "capabilities": [
    {
      "name": "billing.inspect_invoice",
      "kind": "read",
      "source": "nope",
      "target": { "schema": "public", "table": "invoices", "primary_key": "id", "tenant_key": "tenant_id" },
      "args": { "invoice_id": { "type": "string" }, "Tenant-ID": { "type": "string" } },
      "lookup": { "id_from_arg": "invoice_id" },
      "visible_columns": ["id"],
      "max_rows": 3
    },
    {
      "name": "billing.propose",
      "kind": "proposal",
      "source": "my-db",
      "target": { "schema": "public", "table": "invoices", "primary_key": "id", "tenant_key": "tenant_id" },
      "args": { "invoice_id": { "type": "string", "max_length": 9 } },
      "lookup": { "id_from_arg": "invoice_id" },
      "visible_columns": ["id", "status"],
      "patch": { "status": { "fixed": "closed" } },
      "allowed_columns": ["status", "tenant_id"],
      "numeric_bounds": { "status": { "minimum": 5, "maximum": 1 } },
      "conflict_guard": { "weak_guard_ack": true }
    }
  ],
  "sources": { "my-db": { "engine": "postgres", "read_url_env": "DB_READ_URL", "pool_max": 0 } },
  "mode": "review",
  "version": 1,
  "trusted_context": { "provider": "environment", "values": {} }
}`;

describe('issue order and paths', () => {
  const result = parseConfigText(TEXT);

  it('lists errors in document order with JSONPath-like paths', () => {
    expect(pathsAndCodes(result.errors)).toEqual([
      { path: '$.capabilities[0].source', code: 'UNKNOWN_SOURCE' },
      { path: '$.capabilities[0].args["Tenant-ID"]', code: 'MODEL_CONTROLLED_RESERVED_ARG' },
      { path: '$.capabilities[1].allowed_columns[1]', code: 'PROTECTED_COLUMN_ALLOWED' },
      { path: '$.capabilities[1].numeric_bounds.status', code: 'INVALID_NUMERIC_RANGE' },
      { path: '$.sources["my-db"].pool_max', code: 'INVALID_POOL_MAX' },
    ]);
  });

  it('lists warnings in document order', () => {
    // Capability 0 failed structurally (reserved arg), so its cross-field warnings are not
    // computed; capability 1 is valid and gets all of its own.
    expect(pathsAndCodes(result.warnings)).toEqual([
      { path: '$.capabilities[1].conflict_guard.weak_guard_ack', code: 'WEAK_CONFLICT_GUARD' },
      { path: '$.capabilities[1].approval.required_role', code: 'APPROVAL_ROLE_MISSING' },
    ]);
  });

  it('never reports a config when there are errors', () => {
    expect(result.ok).toBe(false);
    expect(result.config).toBeUndefined();
  });

  it('brackets keys that are not identifiers, including $schema', () => {
    const withRef = parseConfigText('{"$schema": 1}');
    expect(withRef.errors[0]).toMatchObject({ path: '$["$schema"]', code: 'INVALID_SCHEMA_REF' });
  });
});
