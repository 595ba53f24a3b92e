import { describe, expect, it } from 'vitest';
import { checkReadPlan, type ReadPlan } from '../../src/index.js';

const plan: ReadPlan = {
  source_id: 'db',
  engine: 'postgres',
  schema: 'billing',
  table: 'invoices',
  columns: ['id', 'status', 'id', 'tenant_id'],
  visible_columns: ['id', 'status'],
  primary_key: 'id',
  lookup_value: 'INV-1',
  tenant_key: 'tenant_id',
  tenant_value: 'acme',
  limit: 2,
  statement_timeout_ms: 5000,
};

describe('checkReadPlan', () => {
  it('returns deduplicated columns and the tenant predicate', () => {
    const checked = checkReadPlan(plan, 'postgres');
    expect(checked.columns).toEqual(['id', 'status', 'tenant_id']);
    expect(checked.tenant).toEqual({ column: 'tenant_id', value: 'acme' });
    expect([...checked.visible]).toEqual(['id', 'status']);
  });

  it('allows single-tenant dev plans without a tenant predicate', () => {
    expect(checkReadPlan({ ...plan, tenant_key: null, tenant_value: null }, 'postgres').tenant).toBeNull();
  });

  it.each<[Partial<ReadPlan>, string]>([
    [{ schema: 'bad schema' }, 'UNSAFE_IDENTIFIER'],
    [{ table: 'a"b' }, 'UNSAFE_IDENTIFIER'],
    [{ columns: ['id', 'tenant_id', 'status', 'count(*)'] }, 'UNSAFE_IDENTIFIER'],
    [{ visible_columns: ['id', 'ＩＤ'] }, 'UNSAFE_IDENTIFIER'],
    [{ primary_key: 'id--' }, 'UNSAFE_IDENTIFIER'],
    [{ tenant_key: 'tenant id' }, 'UNSAFE_IDENTIFIER'],
    [{ columns: ['x'.repeat(64), 'id', 'tenant_id'] }, 'UNSAFE_IDENTIFIER'],
    [{ visible_columns: ['id', 'secret'] }, 'READ_PLAN_INVALID'],
    [{ primary_key: 'other' }, 'READ_PLAN_INVALID'],
    [{ tenant_key: 'org_id' }, 'READ_PLAN_INVALID'],
    [{ tenant_value: null }, 'READ_PLAN_INVALID'],
    [{ tenant_value: '' }, 'READ_PLAN_INVALID'],
    [{ tenant_key: null }, 'READ_PLAN_INVALID'],
    [{ limit: 1 as 2 }, 'READ_PLAN_INVALID'],
    [{ engine: 'mysql' }, 'READ_PLAN_INVALID'],
    [{ columns: [] }, 'READ_PLAN_INVALID'],
    [{ lookup_value: Number.NaN }, 'READ_PLAN_INVALID'],
    [{ lookup_value: { id: 1 } as unknown as string }, 'READ_PLAN_INVALID'],
    [{ statement_timeout_ms: 0 }, 'READ_PLAN_INVALID'],
  ])('refuses %j with %s', (overrides, code) => {
    expect(() => checkReadPlan({ ...plan, ...overrides }, 'postgres')).toThrow(expect.objectContaining({ code }));
  });
});
