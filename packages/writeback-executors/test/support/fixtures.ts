import { proposalHashOf } from '@synapsor/core';
import type { ApprovalRecord, ChangeSet, ExpectedVersion, ProposalRecord, ProposalState, Row } from '@synapsor/core';

export const ENV = {
  APP_READ_URL: 'postgres://reader:read-secret@127.0.0.1/test',
  APP_WRITE_URL: 'postgres://writer:write-secret@127.0.0.1/test',
  BILLING_URL: 'http://127.0.0.1:9/writeback',
  BILLING_TOKEN: 'billing-token-value-123',
  BILLING_SECRET: 'billing-signing-secret-456',
  TICKET_COMMAND: 'node handler.mjs',
};

const target = { schema: 'public', table: 'invoices', primary_key: 'id', tenant_key: 'tenant_id' };

/** The one source of every test config; `engine` picks PostgreSQL or MySQL/MariaDB. */
export const SOURCE = 'app_db';

export interface ConfigInput {
  schema?: string;
  engine?: 'postgres' | 'mysql';
  mode?: 'read_only' | 'shadow' | 'review';
}

/** A config with one proposal capability per executor type (validates under `validateConfig`). */
export function makeConfig(input: ConfigInput = {}): Record<string, any> {
  const schema = input.schema ?? 'public';
  const proposal = (name: string, executor: string | undefined, extra: Record<string, unknown> = {}) => ({
    name,
    kind: 'proposal',
    source: SOURCE,
    ...(executor ? { executor } : {}),
    target: { ...target, schema },
    args: { invoice_id: { type: 'string', max_length: 64 }, reason: { type: 'string', max_length: 200 } },
    lookup: { id_from_arg: 'invoice_id' },
    visible_columns: ['id', 'status', 'late_fee_cents', 'waiver_reason', 'updated_at'],
    patch: { late_fee_cents: { fixed: 0 }, waiver_reason: { from_arg: 'reason' } },
    allowed_columns: ['late_fee_cents', 'waiver_reason'],
    conflict_guard: { column: 'updated_at' },
    approval: { required_role: 'billing_lead' },
    ...extra,
  });
  return {
    version: 1,
    mode: input.mode ?? 'review',
    sources: { [SOURCE]: { engine: input.engine ?? 'postgres', read_url_env: 'APP_READ_URL', write_url_env: 'APP_WRITE_URL' } },
    trusted_context: { provider: 'environment', values: {} },
    executors: {
      billing_api: {
        type: 'http_handler',
        url_env: 'BILLING_URL',
        auth: { type: 'bearer_env', token_env: 'BILLING_TOKEN' },
        signing_secret_env: 'BILLING_SECRET',
        timeout_ms: 3000,
      },
      ticket_cmd: { type: 'command_handler', command_env: 'TICKET_COMMAND', timeout_ms: 5000 },
    },
    capabilities: [
      proposal('billing.propose_late_fee_waiver', undefined),
      proposal('billing.propose_waiver_via_api', 'billing_api'),
      proposal('billing.propose_waiver_via_command', 'ticket_cmd'),
      proposal('billing.propose_weak_waiver', undefined, { conflict_guard: { weak_guard_ack: true } }),
    ],
  };
}

/** `makeConfig` whose capabilities expire `expiresAfter` after the proposal (20m → 14:51:09). */
export function makeExpiringConfig(expiresAfter = '20m', input: ConfigInput = {}): Record<string, any> {
  const config = makeConfig(input);
  for (const capability of config.capabilities) capability.approval.expires_after = expiresAfter;
  return config;
}

export interface ProposalInput {
  id?: string;
  action?: string;
  executor?: string;
  objectId?: string;
  tenant?: string;
  schema?: string;
  before?: Row;
  patch?: Row;
  expected?: ExpectedVersion;
  state?: ProposalState;
  expiresAt?: string | null;
  principal?: string;
  mutate?: (changeSet: ChangeSet) => void;
}

let counter = 0;
export function nextProposalId(): string {
  counter += 1;
  return `wrp_${(Date.now().toString(16) + counter.toString(16).padStart(6, '0')).padStart(24, '0').slice(-24)}`;
}

/** A stored proposal whose change set hashes correctly (unless `mutate` tampers after hashing). */
export function makeProposal(input: ProposalInput = {}): ProposalRecord {
  const id = input.id ?? nextProposalId();
  const action = input.action ?? 'billing.propose_late_fee_waiver';
  const executor = input.executor ?? 'sql_update';
  const objectId = input.objectId ?? 'INV-3001';
  const tenant = input.tenant ?? 'acme';
  const before = input.before ?? { late_fee_cents: 1500, waiver_reason: null };
  const patch = input.patch ?? { late_fee_cents: 0, waiver_reason: 'goodwill' };
  const changeSet: ChangeSet = {
    schema_version: 'synapsor.change-set.v1',
    proposal_id: id,
    proposal_version: 1,
    action,
    mode: 'review_required',
    principal: { id: input.principal ?? 'support.agent', source: 'environment' },
    scope: { tenant_id: tenant, principal: input.principal ?? 'support.agent', object_type: 'invoices', object_id: objectId, business_object: 'invoices' },
    source: {
      kind: 'external_postgres',
      source_id: SOURCE,
      schema: input.schema ?? 'public',
      table: 'invoices',
      primary_key: { column: 'id', value: objectId },
    },
    before,
    patch,
    after: { ...before, ...patch },
    guards: {
      tenant: { column: 'tenant_id', value: tenant },
      allowed_columns: ['late_fee_cents', 'waiver_reason'],
      expected_version: input.expected ?? { column: 'updated_at', value: '2026-06-20T14:31:08.123456Z' },
    },
    evidence: { bundle_id: 'ev_000000000000000000000001', query_fingerprint: `sha256:${'a'.repeat(64)}` },
    approval: { mode: 'human', status: 'pending', required_role: 'billing_lead', expires_at: input.expiresAt ?? null },
    writeback: { status: 'not_applied', mode: executor === 'sql_update' ? 'direct_update' : 'app_handler', executor },
    source_database_mutated: false,
    created_at: '2026-06-20T14:31:09.000Z',
    integrity: { proposal_hash: '' },
  };
  const hash = proposalHashOf(changeSet);
  changeSet.integrity.proposal_hash = hash;
  input.mutate?.(changeSet);
  return {
    proposal_id: id,
    proposal_version: 1,
    // After `mutate`: a re-hashed change set is consistent, a tampered one is not.
    proposal_hash: changeSet.integrity.proposal_hash,
    dedupe_key: `sha256:${'b'.repeat(64)}`,
    action,
    mode: 'review',
    state: input.state ?? 'approved',
    tenant_id: tenant,
    principal: input.principal ?? 'support.agent',
    provenance: 'environment',
    object_type: 'invoices',
    object_id: objectId,
    source_kind: 'external_postgres',
    source_id: SOURCE,
    source_schema: input.schema ?? 'public',
    source_table: 'invoices',
    executor,
    required_role: 'billing_lead',
    expires_at: input.expiresAt ?? null,
    evidence_bundle_id: 'ev_000000000000000000000001',
    change_set: changeSet,
    created_at: '2026-06-20T14:31:09.000Z',
    updated_at: '2026-06-20T14:31:09.000Z',
  };
}

export function makeApproval(proposal: ProposalRecord, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    approval_id: 'apr_000000000000000000000001',
    proposal_id: proposal.proposal_id,
    proposal_version: proposal.proposal_version,
    proposal_hash: proposal.proposal_hash,
    decision: 'approved',
    actor: 'billing.lead',
    actor_source: 'flag',
    roles: ['billing_lead'],
    required_roles: ['billing_lead'],
    reason: null,
    decided_at: '2026-06-20T14:40:00.000Z',
    ...overrides,
  };
}
