import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { RunnerConfigSchema } from '@synapsor/core';
import type { ApprovalRecord, ChangeSet, LedgerStore } from '@synapsor/core';
import { apply, type ApplyOptions } from '../src/index.js';
import { checkIdentifiers } from '../src/apply/preflight-capability.js';
import { PreflightRefusal } from '../src/apply/refusal.js';
import { ENV, makeConfig, makeExpiringConfig, makeProposal, SOURCE } from './support/fixtures.js';
import { eventsAfter, headSeq, ledgerView, rewrittenLedger, tamperedLedger, type Proposer } from './support/ledger.js';
import { recordingExecutor } from './support/recording-executor.js';
import { crashingBeforeReceipt, unitSetup } from './support/unit-setup.js';

type Setup = Awaited<ReturnType<typeof unitSetup>>;

interface Case {
  name: string;
  code: string;
  setup?: Parameters<typeof unitSetup>[0];
  /** Drives the proposal into the state under test through the real store. */
  prepare?: (setup: Setup) => Promise<unknown>;
  /** The ledger `apply` reads: rows edited behind the store's back. */
  ledger?: (store: LedgerStore) => LedgerStore;
  options?: Partial<ApplyOptions>;
  config?: (config: Record<string, any>) => void;
  unknown?: true;
}

const viaApi = { type: 'http_handler', name: 'billing_api' } as const;
const viaCmd = { type: 'command_handler', name: 'ticket_cmd' } as const;
const rewritten = (edit: (cs: ChangeSet) => void) => (store: LedgerStore) => rewrittenLedger(store, edit);
const approvals = (change: Partial<ApprovalRecord>) => (store: LedgerStore) =>
  tamperedLedger(store, { approvals: (list) => list.map((approval) => ({ ...approval, ...change })) });
const decide = (overrides: Parameters<Proposer['decide']>[1]) => ({ proposer, proposal }: Setup) => proposer.decide(proposal, overrides);
const failedAttempt = ({ proposal, options }: Setup) => {
  const failing = recordingExecutor('sql_update', 'sql_update', { status: 'failed', safe_error_code: 'DATABASE_UNAVAILABLE', source_database_mutated: false, rows_affected: 0 });
  return apply(proposal.proposal_id, options({ executors: { sql_update: failing.executor } }));
};
const noRoleConfig = () => {
  const config = makeConfig();
  delete config.capabilities[0].approval.required_role;
  return config;
};

const BEFORE_CHECK_2 = ['CONFIG_INVALID', 'MODE_NOT_REVIEW', 'PROPOSAL_NOT_FOUND', 'SHADOW_WRITEBACK_DISABLED'];

const CASES: Case[] = [
  { name: 'invalid config', code: 'CONFIG_INVALID', config: (c) => delete c.sources },
  { name: 'cross-field rule broken', code: 'CONFIG_INVALID', config: (c) => (c.capabilities[0].executor = 'undeclared_executor') },
  { name: 'shadow mode', code: 'MODE_NOT_REVIEW', config: (c) => (c.mode = 'shadow') },
  { name: 'unknown proposal', code: 'PROPOSAL_NOT_FOUND', unknown: true },
  { name: 'shadow proposal', code: 'SHADOW_WRITEBACK_DISABLED', setup: { config: makeConfig({ mode: 'shadow' }), approve: false } },
  { name: 'pending review', code: 'PROPOSAL_NOT_APPROVED', setup: { approve: false } },
  { name: 'rejected', code: 'PROPOSAL_NOT_APPROVED', setup: { approve: false }, prepare: decide({ decision: 'rejected', reason: 'no' }) },
  { name: 'expired state', code: 'PROPOSAL_EXPIRED', setup: { approve: false, config: makeExpiringConfig() }, prepare: ({ store }) => store.expireDue('2026-06-20T15:00:00.000Z') },
  { name: 'pending_worker with a live lease', code: 'WRITEBACK_IN_PROGRESS', prepare: ({ proposal, store, options }) => apply(proposal.proposal_id, options({ store: crashingBeforeReceipt(store), executors: { sql_update: recordingExecutor('sql_update', 'sql_update').executor } })).catch(() => null) },
  { name: 'failed without --retry', code: 'RETRY_REQUIRED', prepare: failedAttempt },
  { name: 'approved past expiry', code: 'PROPOSAL_EXPIRED', setup: { config: makeExpiringConfig() } },
  { name: 'tampered patch', code: 'PROPOSAL_HASH_MISMATCH', ledger: (store) => tamperedLedger(store, { proposal: (p) => (p.change_set.patch.late_fee_cents = -5) }) },
  { name: 'changed hash', code: 'PROPOSAL_HASH_MISMATCH', ledger: (store) => tamperedLedger(store, { proposal: (p) => (p.proposal_hash = `sha256:${'c'.repeat(64)}`) }) },
  { name: 'approval bound to another hash', code: 'PROPOSAL_HASH_MISMATCH', ledger: approvals({ proposal_hash: `sha256:${'d'.repeat(64)}` }) },
  { name: 'approval bound to another version', code: 'PROPOSAL_VERSION_MISMATCH', ledger: approvals({ proposal_version: 2 }) },
  { name: 'no approval record', code: 'PROPOSAL_NOT_APPROVED', ledger: (store) => tamperedLedger(store, { approvals: () => [] }) },
  { name: 'self approval', code: 'SELF_APPROVAL_FORBIDDEN', ledger: approvals({ actor: 'support.agent' }) },
  { name: 'role no longer held', code: 'APPROVAL_ROLE_REQUIRED', setup: { approve: false, config: noRoleConfig() }, prepare: decide({ roles: ['support'] }) },
  { name: 'role raised in current config', code: 'APPROVAL_ROLE_REQUIRED', config: (c) => (c.capabilities[0].approval.required_role = 'cfo') },
  { name: 'unknown action', code: 'CAPABILITY_MISMATCH', config: (c) => (c.capabilities[0].name = 'billing.other') },
  { name: 'unknown source', code: 'CAPABILITY_MISMATCH', ledger: rewritten((cs) => (cs.source.source_id = 'other_db')) },
  { name: 'other table', code: 'CAPABILITY_MISMATCH', ledger: rewritten((cs) => (cs.source.table = 'orders')) },
  { name: 'other tenant key', code: 'CAPABILITY_MISMATCH', ledger: rewritten((cs) => (cs.guards.tenant = { column: 'org_id', value: 'acme' })) },
  { name: 'engine changed', code: 'CAPABILITY_MISMATCH', config: (c) => (c.sources[SOURCE].engine = 'mysql') },
  { name: 'executor changed', code: 'CAPABILITY_MISMATCH', config: (c) => (c.capabilities[0].executor = 'billing_api') },
  { name: 'widened allowed_columns', code: 'ALLOWLIST_WIDENED', ledger: rewritten((cs) => cs.guards.allowed_columns.push('balance_cents')) },
  { name: 'patch outside allow-list', code: 'ALLOWLIST_WIDENED', ledger: rewritten((cs) => (cs.patch.balance_cents = 0)) },
  { name: 'reviewed list narrowed', code: 'ALLOWLIST_WIDENED', config: (c) => { c.capabilities[0].allowed_columns = ['late_fee_cents']; delete c.capabilities[0].patch.waiver_reason; } },
  { name: 'tenant column in patch', code: 'ALLOWLIST_WIDENED', ledger: rewritten((cs) => (cs.patch.tenant_id = 'evil')) },
  { name: 'guard column changed', code: 'CONFLICT_GUARD_MISMATCH', ledger: rewritten((cs) => (cs.guards.expected_version = { column: 'created_at', value: '2026-01-01T00:00:00Z' })) },
  { name: 'row-hash instead of column', code: 'CONFLICT_GUARD_MISMATCH', ledger: rewritten((cs) => (cs.guards.expected_version = { column: '__row_hash', value: `sha256:${'e'.repeat(64)}`, columns: ['id'] })) },
  { name: 'writer URL unset', code: 'WRITER_CREDENTIAL_MISSING', options: { env: { ...ENV, APP_WRITE_URL: '' } } },
  { name: 'shared credential', code: 'SHARED_CREDENTIAL_REFUSED', options: { env: { ...ENV, APP_WRITE_URL: ENV.APP_READ_URL } } },
  { name: 'handler url unset', code: 'HANDLER_URL_MISSING', setup: viaApi, options: { env: { ...ENV, BILLING_URL: undefined } } },
  { name: 'handler token unset', code: 'HANDLER_TOKEN_MISSING', setup: viaApi, options: { env: { ...ENV, BILLING_TOKEN: '' } } },
  { name: 'signing secret unset', code: 'HANDLER_SIGNING_SECRET_MISSING', setup: viaApi, options: { env: { ...ENV, BILLING_SECRET: undefined } } },
  { name: 'command unset', code: 'HANDLER_COMMAND_MISSING', setup: viaCmd, options: { env: { ...ENV, TICKET_COMMAND: '' } } },
  { name: 'command unsplittable', code: 'HANDLER_COMMAND_INVALID', setup: viaCmd, options: { env: { ...ENV, TICKET_COMMAND: 'node "x.mjs' } } },
  { name: 'no adapter wired for sql_update', code: 'EXECUTOR_UNAVAILABLE', options: { executors: {} } },
];

describe('apply pre-flight refusals (before any I/O)', () => {
  it.each(CASES)('$name → $code', async (testCase) => {
    const setup = await unitSetup(testCase.setup);
    const { store, proposal, recorder, options } = setup;
    await testCase.prepare?.(setup);
    const before = await ledgerView(store, proposal.proposal_id);
    const seq = await headSeq(store);
    const config = makeConfig();
    testCase.config?.(config);
    const id = testCase.unknown ? 'wrp_000000000000000000000099' : proposal.proposal_id;
    const result = await apply(id, options({ config, store: testCase.ledger?.(store) ?? store, ...testCase.options }));
    expect(result.ok).toBe(false);
    expect(result.refused?.code).toBe(testCase.code);
    expect(recorder.calls).toHaveLength(0);
    // Refusals before check 2 has passed name no proposal.
    const linked = !BEFORE_CHECK_2.includes(testCase.code);
    expect(await eventsAfter(store, seq)).toEqual([
      { kind: 'writeback_refused', payload: { code: testCase.code }, proposal_id: linked ? proposal.proposal_id : null },
    ]);
    const after = await ledgerView(store, proposal.proposal_id);
    expect({ ...after, events: after.events.length }).toEqual({ ...before, events: before.events.length + (linked ? 1 : 0) });
    if (testCase.code !== 'EXECUTOR_UNAVAILABLE') expect(result.checks.at(-1)).toMatchObject({ status: 'fail', code: testCase.code });
    expect(JSON.stringify(result)).not.toMatch(/secret|postgres:\/\//);
  });

  it('check 1 applies validateConfig, not only the schema: a cross-field error the schema accepts is refused', async () => {
    const { proposal, options } = await unitSetup();
    const config = makeConfig();
    config.capabilities[0].executor = 'undeclared_executor';
    expect(v.safeParse(RunnerConfigSchema, config).success).toBe(true);
    const result = await apply(proposal.proposal_id, options({ config }));
    expect(result.refused?.code).toBe('CONFIG_INVALID');
    expect(result.refused?.message).toMatch(/\([A-Z_]+(, [A-Z_]+)*\)$/);
  });

  it('--allow-shared-credential lets a shared writer through', async () => {
    const { proposal, options } = await unitSetup();
    const result = await apply(proposal.proposal_id, options({ env: { ...ENV, APP_WRITE_URL: ENV.APP_READ_URL }, allowSharedCredential: true }));
    expect(result.receipt?.status).toBe('applied');
  });

  it('check 11 refuses any unsafe identifier in the job (defence in depth)', () => {
    const proposal = makeProposal({ mutate: (cs) => (cs.patch['x; DROP TABLE t'] = 1) });
    expect(() => checkIdentifiers(proposal.change_set)).toThrow(PreflightRefusal);
    expect(() => checkIdentifiers(makeProposal().change_set)).not.toThrow();
  });
});
