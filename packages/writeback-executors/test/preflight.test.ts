import { describe, expect, it } from 'vitest';
import { proposalHashOf } from '@synapsor/core';
import type { ApprovalRecord, ChangeSet, ExecutorType, ProposalRecord, WritebackExecutor } from '@synapsor/core';
import { apply, type ApplyOptions } from '../src/index.js';
import { checkIdentifiers } from '../src/apply/preflight-capability.js';
import { PreflightRefusal } from '../src/apply/refusal.js';
import { ENV, makeApproval, makeConfig, makeProposal, type ProposalInput } from './support/fixtures.js';
import { recordingExecutor } from './support/recording-executor.js';
import { createTestStore } from './support/test-store.js';

const clock = { now: () => new Date('2026-06-20T15:00:00.000Z') };

/** Re-hashes after a change, so only the semantic checks (8–10) can catch it. */
const rehashed = (change: (cs: ChangeSet) => void) => (cs: ChangeSet) => {
  change(cs);
  cs.integrity.proposal_hash = proposalHashOf(cs);
};

interface Case {
  name: string;
  code: string;
  proposal?: ProposalInput;
  approval?: Partial<ApprovalRecord>;
  options?: Partial<ApplyOptions>;
  exec?: [ExecutorType, string];
  tweak?: (proposal: ProposalRecord) => void;
  config?: (config: Record<string, any>) => void;
  seed?: boolean;
}

const viaApi: Case['proposal'] = { action: 'billing.propose_waiver_via_api', executor: 'billing_api' };
const viaCmd: Case['proposal'] = { action: 'billing.propose_waiver_via_command', executor: 'ticket_cmd' };

const CASES: Case[] = [
  { name: 'invalid config', code: 'CONFIG_INVALID', config: (c) => delete c.sources },
  { name: 'read_only mode', code: 'MODE_NOT_REVIEW', config: (c) => (c.mode = 'shadow') },
  { name: 'unknown proposal', code: 'PROPOSAL_NOT_FOUND', seed: false },
  { name: 'shadow proposal', code: 'SHADOW_WRITEBACK_DISABLED', proposal: { state: 'shadow' } },
  { name: 'pending review', code: 'PROPOSAL_NOT_APPROVED', proposal: { state: 'pending_review' } },
  { name: 'rejected', code: 'PROPOSAL_NOT_APPROVED', proposal: { state: 'rejected' } },
  { name: 'expired state', code: 'PROPOSAL_EXPIRED', proposal: { state: 'expired' } },
  { name: 'pending_worker without a job', code: 'WRITEBACK_IN_PROGRESS', proposal: { state: 'pending_worker' } },
  { name: 'failed without --retry', code: 'RETRY_REQUIRED', proposal: { state: 'failed' } },
  { name: 'approved past expiry', code: 'PROPOSAL_EXPIRED', proposal: { expiresAt: '2026-06-20T14:00:00.000Z' } },
  { name: 'tampered patch', code: 'PROPOSAL_HASH_MISMATCH', proposal: { mutate: (cs) => (cs.patch.late_fee_cents = -5) } },
  { name: 'changed hash', code: 'PROPOSAL_HASH_MISMATCH', tweak: (p) => (p.proposal_hash = `sha256:${'c'.repeat(64)}`) },
  { name: 'approval bound to another hash', code: 'PROPOSAL_HASH_MISMATCH', approval: { proposal_hash: `sha256:${'d'.repeat(64)}` } },
  { name: 'approval bound to another version', code: 'PROPOSAL_VERSION_MISMATCH', approval: { proposal_version: 2 } },
  { name: 'no approval record', code: 'PROPOSAL_NOT_APPROVED', approval: { decision: 'rejected' } },
  { name: 'self approval', code: 'SELF_APPROVAL_FORBIDDEN', approval: { actor: 'support.agent' } },
  { name: 'role no longer held', code: 'APPROVAL_ROLE_REQUIRED', approval: { roles: ['support'] } },
  { name: 'role raised in current config', code: 'APPROVAL_ROLE_REQUIRED', config: (c) => (c.capabilities[0].approval.required_role = 'cfo') },
  { name: 'unknown action', code: 'CAPABILITY_MISMATCH', config: (c) => (c.capabilities[0].name = 'billing.other') },
  { name: 'unknown source', code: 'CAPABILITY_MISMATCH', proposal: { mutate: rehashed((cs) => (cs.source.source_id = 'other_db')) } },
  { name: 'other table', code: 'CAPABILITY_MISMATCH', proposal: { mutate: rehashed((cs) => (cs.source.table = 'orders')) } },
  { name: 'other tenant key', code: 'CAPABILITY_MISMATCH', proposal: { mutate: rehashed((cs) => (cs.guards.tenant = { column: 'org_id', value: 'acme' })) } },
  { name: 'engine changed', code: 'CAPABILITY_MISMATCH', config: (c) => (c.sources.app_pg.engine = 'mysql') },
  { name: 'executor changed', code: 'CAPABILITY_MISMATCH', config: (c) => (c.capabilities[0].executor = 'billing_api') },
  { name: 'widened allowed_columns', code: 'ALLOWLIST_WIDENED', proposal: { mutate: rehashed((cs) => cs.guards.allowed_columns.push('balance_cents')) } },
  { name: 'patch outside allow-list', code: 'ALLOWLIST_WIDENED', proposal: { mutate: rehashed((cs) => (cs.patch.balance_cents = 0)) } },
  { name: 'reviewed list narrowed', code: 'ALLOWLIST_WIDENED', config: (c) => { c.capabilities[0].allowed_columns = ['late_fee_cents', 'waiver_reason', 'x']; c.capabilities[0].allowed_columns.splice(1, 1); } },
  { name: 'tenant column in patch', code: 'ALLOWLIST_WIDENED', config: (c) => c.capabilities[0].allowed_columns.push('tenant_id'), proposal: { mutate: rehashed((cs) => (cs.patch.tenant_id = 'evil')) } },
  { name: 'guard column changed', code: 'CONFLICT_GUARD_MISMATCH', proposal: { expected: { column: 'created_at', value: '2026-01-01T00:00:00Z' } } },
  { name: 'row-hash instead of column', code: 'CONFLICT_GUARD_MISMATCH', proposal: { expected: { column: '__row_hash', value: `sha256:${'e'.repeat(64)}`, columns: ['id'] } } },
  { name: 'writer URL unset', code: 'WRITER_CREDENTIAL_MISSING', options: { env: { ...ENV, APP_WRITE_URL: '' } } },
  { name: 'shared credential', code: 'SHARED_CREDENTIAL_REFUSED', options: { env: { ...ENV, APP_WRITE_URL: ENV.APP_READ_URL } } },
  { name: 'handler url unset', code: 'HANDLER_URL_MISSING', proposal: viaApi, exec: ['http_handler', 'billing_api'], options: { env: { ...ENV, BILLING_URL: undefined } } },
  { name: 'handler token unset', code: 'HANDLER_TOKEN_MISSING', proposal: viaApi, exec: ['http_handler', 'billing_api'], options: { env: { ...ENV, BILLING_TOKEN: '' } } },
  { name: 'signing secret unset', code: 'HANDLER_SIGNING_SECRET_MISSING', proposal: viaApi, exec: ['http_handler', 'billing_api'], options: { env: { ...ENV, BILLING_SECRET: undefined } } },
  { name: 'command unset', code: 'HANDLER_COMMAND_MISSING', proposal: viaCmd, exec: ['command_handler', 'ticket_cmd'], options: { env: { ...ENV, TICKET_COMMAND: '' } } },
  { name: 'command unsplittable', code: 'HANDLER_COMMAND_INVALID', proposal: viaCmd, exec: ['command_handler', 'ticket_cmd'], options: { env: { ...ENV, TICKET_COMMAND: 'node "x.mjs' } } },
  { name: 'no adapter wired for sql_update', code: 'EXECUTOR_UNAVAILABLE', options: { executors: {} } },
];

describe('apply pre-flight refusals (before any I/O)', () => {
  it.each(CASES)('$name → $code', async (testCase) => {
    const store = createTestStore();
    const [type, name] = testCase.exec ?? ['sql_update', 'sql_update'];
    const proposal = makeProposal({ executor: name, ...testCase.proposal });
    testCase.tweak?.(proposal);
    if (testCase.seed !== false) store.seed(proposal, [makeApproval(proposal, testCase.approval)]);
    const config = makeConfig() as Record<string, any>;
    testCase.config?.(config);
    const recorder = recordingExecutor(type, name);
    const result = await apply(proposal.proposal_id, {
      config,
      store,
      executors: { [name]: recorder.executor } as Record<string, WritebackExecutor>,
      actor: 'billing.lead',
      env: { ...ENV },
      clock,
      ...testCase.options,
    });
    expect(result.ok).toBe(false);
    expect(result.refused?.code).toBe(testCase.code);
    expect(recorder.calls).toHaveLength(0);
    const state = store.state();
    expect(state.events.map((event) => [event.kind, event.payload])).toEqual([['writeback_refused', { code: testCase.code }]]);
    expect(state.receipts).toHaveLength(0);
    expect(state.jobs).toEqual({});
    if (testCase.seed !== false) expect(state.proposals[proposal.proposal_id]!.state).toBe(proposal.state);
    if (testCase.code !== 'EXECUTOR_UNAVAILABLE') expect(result.checks.at(-1)).toMatchObject({ status: 'fail', code: testCase.code });
    expect(JSON.stringify(result)).not.toMatch(/secret|postgres:\/\//);
  });

  it('--allow-shared-credential lets a shared writer through', async () => {
    const store = createTestStore();
    const proposal = makeProposal();
    store.seed(proposal, [makeApproval(proposal)]);
    const recorder = recordingExecutor('sql_update', 'sql_update');
    const result = await apply(proposal.proposal_id, {
      config: makeConfig(), store, executors: { sql_update: recorder.executor }, actor: 'op', clock,
      env: { ...ENV, APP_WRITE_URL: ENV.APP_READ_URL }, allowSharedCredential: true,
    });
    expect(result.receipt?.status).toBe('applied');
  });

  it('check 11 refuses any unsafe identifier in the job (defence in depth)', () => {
    const proposal = makeProposal({ mutate: (cs) => (cs.patch['x; DROP TABLE t'] = 1) });
    expect(() => checkIdentifiers(proposal.change_set)).toThrow(PreflightRefusal);
    expect(() => checkIdentifiers(makeProposal().change_set)).not.toThrow();
  });
});
