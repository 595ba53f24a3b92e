import { describe, expect, it } from 'vitest';
import { RESERVED_ARG_NAMES, isReservedArgName, normaliseArgName } from '@synapsor/core';
import { CAP0, expectError, validateWith } from './helpers.js';

/** config.md "Reserved argument names", both groups, copied from the spec. */
const SPEC_RESERVED = `tenant_id tenantId principal principal_id principalId project_id projectId source_id sourceId
allowed_columns allowedColumns row_version rowVersion current_version currentVersion expected_version expectedVersion
approval_identity approvalIdentity table table_name tableName schema schema_name schemaName column columns column_name
columnName database database_name databaseName`.split(/\s+/);

describe('reserved argument names', () => {
  it('exports exactly the spec list', () => {
    expect([...RESERVED_ARG_NAMES].sort()).toEqual([...SPEC_RESERVED].sort());
  });

  it.each(SPEC_RESERVED)('rejects an arg named %s', (name) => {
    const result = validateWith((c) => { c.capabilities[0].args[name] = { type: 'string', required: false, max_length: 8 }; });
    expectError(result, `${CAP0}.args.${name}`, 'MODEL_CONTROLLED_RESERVED_ARG');
    expect(result.errors).toHaveLength(1);
  });

  it.each(['Tenant-ID', 'TENANTID', 'tenant-id', 'Principal_ID', 'row-version', 'TABLE'])(
    'matches %s after normalisation',
    (name) => {
      expect(isReservedArgName(name)).toBe(true);
      const result = validateWith((c) => { c.capabilities[0].args[name] = { type: 'string', required: false, max_length: 8 }; });
      expectError(result, `${CAP0}.args${/^[A-Za-z_]\w*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`}`, 'MODEL_CONTROLLED_RESERVED_ARG');
      // The reserved code wins over the identifier rule for names like Tenant-ID.
      expect(result.errors).toHaveLength(1);
    },
  );

  it('normalises by lowercasing and dropping _ and -', () => {
    expect(normaliseArgName('Tenant-ID')).toBe('tenantid');
    expect(normaliseArgName('expected_Version')).toBe('expectedversion');
  });

  it.each(['tenant', 'customer_id', 'status', 'reason', 'tables_count', 'principal_note'])('allows %s', (name) => {
    expect(isReservedArgName(name)).toBe(false);
  });
});
