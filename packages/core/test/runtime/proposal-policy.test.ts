import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/records/index.js';
import { rowHash } from '../../src/writeback/index.js';
import { validated } from './support/fixtures.js';
import { harness } from './support/harness.js';

const ENV = { DB_URL: 'set', T: 'acme', P: 'agent.one', HANDLER_URL: 'set' };

function policyConfig(overrides: Record<string, unknown> = {}, target: Record<string, unknown> = {}) {
  return validated({
    version: 1,
    mode: 'review',
    sources: { db: { engine: 'postgres', read_url_env: 'DB_URL', write_url_env: 'DB_WRITE_URL' } },
    trusted_context: { provider: 'environment', values: { tenant_id_env: 'T', principal_env: 'P' } },
    executors: { app_api: { type: 'http_handler', url_env: 'HANDLER_URL', auth: { type: 'bearer_env', token_env: 'HANDLER_BEARER' }, signing_secret_env: 'HANDLER_SIGNING' } },
    capabilities: [
      {
        name: 'acct.propose_limit',
        kind: 'proposal',
        source: 'db',
        target: { schema: 'app', table: 'accounts', primary_key: 'id', tenant_key: 'tenant_id', ...target },
        args: {
          account_id: { type: 'string', max_length: 64 },
          limit: { type: 'number', required: false },
          state: { type: 'string', required: false, max_length: 32 },
          note: { type: 'string', required: false, max_length: 64 },
        },
        lookup: { id_from_arg: 'account_id' },
        visible_columns: ['id', 'state', 'credit_limit'],
        patch: { credit_limit: { from_arg: 'limit' } },
        allowed_columns: ['credit_limit', 'state', 'internal_note'],
        numeric_bounds: { credit_limit: { minimum: 0, maximum: 1000 } },
        conflict_guard: { column: 'version' },
        approval: { mode: 'human', required_role: 'ops_lead', expires_after: '2h' },
        ...overrides,
      },
    ],
  });
}

const tables = (): Record<string, Row[]> => ({
  'app.accounts': [
    { id: 'A-1', tenant_id: 'acme', state: 'active', credit_limit: 100, internal_note: 'n', version: 7 },
    { id: 'A-2', tenant_id: 'acme', state: 42, credit_limit: 100, internal_note: 'n', version: 1 },
  ],
});

const run = (config: ReturnType<typeof policyConfig>, args: Record<string, unknown>) =>
  harness({ config, tables: tables(), env: { ...ENV }, sourceName: 'db' }).call('acct.propose_limit', args);

describe('proposal policy', () => {
  it.each([
    ['below the numeric bound', { account_id: 'A-1', limit: -1 }, 'PATCH_BELOW_MINIMUM'],
    ['above the numeric bound', { account_id: 'A-1', limit: 1001 }, 'PATCH_ABOVE_MAXIMUM'],
    ['optional from_arg absent', { account_id: 'A-1' }, 'PATCH_REQUIRED'],
  ])('%s → POLICY_VIOLATION (%s)', async (_label, args, code) => {
    const envelope = await run(policyConfig(), args);
    expect(envelope.error?.code).toBe('POLICY_VIOLATION');
    expect(envelope.error?.message).toContain(`(${code})`);
  });

  it('refuses a non-number under a numeric bound (PATCH_NUMERIC_BOUND_TYPE_INVALID)', async () => {
    const config = policyConfig({ patch: { credit_limit: { fixed: 'lots' } } });
    const envelope = await run(config, { account_id: 'A-1' });
    expect(envelope.error?.message).toContain('PATCH_NUMERIC_BOUND_TYPE_INVALID');
  });

  it('refuses a transition whose current value is not text (PATCH_TRANSITION_TYPE_INVALID)', async () => {
    const config = policyConfig({
      patch: { state: { from_arg: 'state' } },
      numeric_bounds: undefined,
      transition_guards: { state: { allowed: { active: ['frozen'] } } },
    });
    const ok = await run(config, { account_id: 'A-1', state: 'frozen' });
    expect(ok.ok).toBe(true);
    const envelope = await run(config, { account_id: 'A-2', state: 'frozen' });
    expect(envelope.error?.message).toContain('PATCH_TRANSITION_TYPE_INVALID');
    const missingKey = await run(config, { account_id: 'A-1', state: 'active' });
    expect(missingKey.error?.message).toContain('PATCH_TRANSITION_NOT_ALLOWED');
  });

  it('uses the row hash as expected version for a weak guard', async () => {
    const config = policyConfig({ conflict_guard: { weak_guard_ack: true } });
    const h = harness({ config, tables: tables(), env: { ...ENV }, sourceName: 'db' });
    const envelope = await h.call('acct.propose_limit', { account_id: 'A-1', limit: 5 });
    const cs = (await h.store.getProposal(envelope.proposal!.id))!.change_set;
    const columns = ['credit_limit', 'id', 'state', 'tenant_id'];
    expect(cs.guards.expected_version).toEqual({
      column: '__row_hash',
      value: rowHash({ id: 'A-1', tenant_id: 'acme', state: 'active', credit_limit: 100 }, columns),
      columns,
    });
  });

  it('sets expires_at from expires_after, reports app_handler for handler executors, and hides before of non-visible columns', async () => {
    const config = policyConfig({
      executor: 'app_api',
      patch: { credit_limit: { from_arg: 'limit' }, internal_note: { from_arg: 'note' } },
    });
    const h = harness({ config, tables: tables(), env: { ...ENV }, sourceName: 'db' });
    const envelope = await h.call('acct.propose_limit', { account_id: 'A-1', limit: 5, note: 'raised' });
    expect(envelope.proposal).toMatchObject({
      expires_at: '2026-06-20T17:00:00.000Z',
      required_role: 'ops_lead',
      writeback: { mode: 'app_handler', applied: false },
      diff: { credit_limit: { before: 100, proposed: 5 }, internal_note: { proposed: 'raised' } },
    });
    const cs = (await h.store.getProposal(envelope.proposal!.id))!.change_set;
    expect(cs.writeback).toEqual({ status: 'not_applied', mode: 'app_handler', executor: 'app_api' });
    expect(cs.before).toEqual({ id: 'A-1', state: 'active', credit_limit: 100, internal_note: 'n' });
  });

  it('drops the tenant from scope, guards and SQL for single_tenant_dev', async () => {
    const config = policyConfig({}, { tenant_key: undefined, single_tenant_dev: true });
    const h = harness({ config, tables: tables(), env: { ...ENV }, sourceName: 'db' });
    const envelope = await h.call('acct.propose_limit', { account_id: 'A-1', limit: 5 });
    const cs = (await h.store.getProposal(envelope.proposal!.id))!.change_set;
    expect(cs.scope.tenant_id).toBeNull();
    expect(cs.guards.tenant).toBeNull();
    const plan = h.source.calls[0]!.method === 'readOne' ? h.source.calls[0]!.plan : null;
    expect(plan).toMatchObject({ tenant_key: null, tenant_value: null });
    const audit = (await h.store.listQueryAudit())[0]!;
    expect(audit.tenant_bound).toBe(false);
    expect(audit.statement_template).toBe('SELECT "id", "state", "credit_limit", "version" FROM "app"."accounts" WHERE "id" = $1 LIMIT 2');
  });
});
