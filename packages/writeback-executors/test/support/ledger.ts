import { createRuntime, newId, proposalHashOf, systemRandom, validateConfig } from '@synapsor/core';
import type { ApprovalRecord, ChangeSet, Clock, DecideInput, LedgerStore, ProposalRecord, SourceAdapter } from '@synapsor/core';
import { createFakeSource } from '@synapsor/core/testing';
import { makeConfig, SOURCE } from './fixtures.js';

/** Proposals are made at 14:31:09 and approved at 14:40 (UTC); `apply` tests run at 15:00. */
export const PROPOSED_AT = new Date('2026-06-20T14:31:09.000Z');
export const APPROVED_AT = '2026-06-20T14:40:00.000Z';

export interface ProposeInput {
  action?: string;
  invoiceId?: string;
  reason?: string;
  tenant?: string;
  principal?: string;
}

export interface Proposer {
  /** Calls the proposal tool through core's runtime, as an agent would: state `pending_review`. */
  propose(input?: ProposeInput): Promise<ProposalRecord>;
  /** Records a decision through `store.decide`, as `proposals approve/reject` does. */
  decide(proposal: ProposalRecord, overrides?: Partial<DecideInput>): Promise<ProposalRecord>;
  /** `propose` + approval by `billing.lead` (role `billing_lead`). */
  approved(input?: ProposeInput, overrides?: Partial<DecideInput>): Promise<ProposalRecord>;
}

export interface ProposerOptions {
  store: LedgerStore;
  /** The adapter the runtime reads through (real database, or core's fake source). */
  source: SourceAdapter;
  config?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  clock?: Clock;
}

/** Builds proposals the way the product does: core's runtime reads the row and stores them. */
export function createProposer(options: ProposerOptions): Proposer {
  const validated = validateConfig(options.config ?? makeConfig());
  if (!validated.ok) throw new Error(`test config invalid: ${validated.errors.map((issue) => issue.code).join(', ')}`);
  // The environment trusted-context provider reads these two per call.
  const env: Record<string, string | undefined> = { APP_READ_URL: 'unused', ...options.env, SYNAPSOR_TENANT_ID: 'acme', SYNAPSOR_PRINCIPAL: 'support.agent' };
  const runtime = createRuntime({
    config: validated.config!,
    env,
    sources: { [SOURCE]: options.source },
    store: options.store,
    clock: options.clock ?? { now: () => new Date(PROPOSED_AT) },
  });
  const proposer: Proposer = {
    async propose(input = {}) {
      env.SYNAPSOR_TENANT_ID = input.tenant ?? 'acme';
      env.SYNAPSOR_PRINCIPAL = input.principal ?? 'support.agent';
      const result = await runtime.callTool(input.action ?? 'billing.propose_late_fee_waiver', {
        invoice_id: input.invoiceId ?? 'INV-3001',
        reason: input.reason ?? 'goodwill',
      });
      const id = (result.structuredContent as { proposal?: { id?: string } | null } | undefined)?.proposal?.id;
      if (!id) throw new Error(`proposal tool failed: ${result.content[0]?.text ?? 'no content'}`);
      return (await options.store.getProposal(id))!;
    },
    async decide(proposal, overrides = {}) {
      await options.store.decide({
        proposal_id: proposal.proposal_id,
        decision: 'approved',
        actor: 'billing.lead',
        actor_source: 'flag',
        roles: ['billing_lead'],
        config_required_role: null,
        config_mode: 'review',
        reason: null,
        approval_id: newId('apr', systemRandom),
        event_id: newId('evt', systemRandom),
        now: APPROVED_AT,
        ...overrides,
      });
      return (await options.store.getProposal(proposal.proposal_id))!;
    },
    async approved(input, overrides) {
      return proposer.decide(await proposer.propose(input), overrides);
    },
  };
  return proposer;
}

/** Core's fake source holding the seed invoices, for tests without a database. */
export function fakeInvoices(schema = 'public') {
  const invoice = (id: string, tenant: string) => ({
    id, tenant_id: tenant, status: 'open', late_fee_cents: 1500, waiver_reason: null, updated_at: '2026-06-20T14:31:08.123456Z',
  });
  return createFakeSource({ engine: 'postgres', tables: { [`${schema}.invoices`]: [invoice('INV-3001', 'acme'), invoice('INV-4001', 'globex')] } });
}

/**
 * The store with some methods replaced (a Proxy, so class-based stores keep their other
 * methods). Used to simulate a crash mid-apply or rows edited on disk behind the store's back.
 */
export function overrideStore(store: LedgerStore, overrides: Partial<LedgerStore>): LedgerStore {
  return new Proxy(store, {
    get: (target, key, receiver) => (Object.hasOwn(overrides, key) ? overrides[key as keyof LedgerStore] : Reflect.get(target, key, receiver)),
  });
}

/**
 * A ledger edited consistently on disk: `edit` changes the stored change set, which is then
 * re-hashed and the approvals re-bound to the new hash, so only checks 8–11 can catch it.
 */
export function rewrittenLedger(store: LedgerStore, edit: (changeSet: ChangeSet) => void): LedgerStore {
  const rewrite = (proposal: ProposalRecord): ProposalRecord => {
    const changeSet = structuredClone(proposal.change_set);
    edit(changeSet);
    changeSet.integrity.proposal_hash = proposalHashOf(changeSet);
    return { ...proposal, change_set: changeSet, proposal_hash: changeSet.integrity.proposal_hash };
  };
  return overrideStore(store, {
    getProposal: async (id) => {
      const found = await store.getProposal(id);
      return found && rewrite(found);
    },
    listApprovals: async (id) => {
      const found = await store.getProposal(id);
      const hash = found ? rewrite(found).proposal_hash : null;
      return (await store.listApprovals(id)).map((approval) => ({ ...approval, proposal_hash: hash ?? approval.proposal_hash }));
    },
  });
}

/** Stored proposal or approvals altered behind the store's back (no re-hash): checks 6–7. */
export function tamperedLedger(
  store: LedgerStore,
  tamper: { proposal?: (proposal: ProposalRecord) => void; approvals?: (approvals: ApprovalRecord[]) => ApprovalRecord[] },
): LedgerStore {
  return overrideStore(store, {
    getProposal: async (id) => {
      const found = await store.getProposal(id);
      if (found) tamper.proposal?.(found);
      return found;
    },
    listApprovals: async (id) => (tamper.approvals ?? ((approvals) => approvals))(await store.listApprovals(id)),
  });
}

/** Everything the ledger holds about one proposal, read through the store's public API. */
export async function ledgerView(store: LedgerStore, proposalId: string) {
  return {
    proposal: await store.getProposal(proposalId),
    job: await store.getJob(proposalId),
    receipts: await store.listReceiptsFor(proposalId),
    events: (await store.listEvents({ proposal: proposalId, limit: 200 })).map((event) => ({ kind: event.kind, payload: event.payload, seq: event.seq })),
  };
}

/** Kinds (and payloads) of events appended after `seq`, across all proposals. */
export async function eventsAfter(store: LedgerStore, seq: number) {
  const events = await store.listEvents({ since_seq: seq, limit: 200 });
  return events.map((event) => ({ kind: event.kind, payload: event.payload, proposal_id: event.proposal_id }));
}

export async function headSeq(store: LedgerStore): Promise<number> {
  const events = await store.listEvents({ limit: 200 });
  return events.reduce((max, event) => Math.max(max, event.seq), 0);
}
