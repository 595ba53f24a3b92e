import { describe, expect, it } from 'vitest';
import type { DecideInput } from '../../ports/ledger-store.js';
import type { ProposalState } from '../../records/index.js';
import { LedgerFixtures, type ProposalSpec } from '../ledger-fixtures.js';
import { eventCount, expectCode, newProposal, proposalIn, type StoreFactory } from './support.js';

const STATES: ProposalState[] = ['pending_review', 'shadow', 'approved', 'rejected', 'expired', 'pending_worker', 'applied', 'conflict', 'failed'];

export function approvalConformance(factory: StoreFactory): void {
  describe('proposals and dedupe', () => {
    it('creates a proposal with its evidence, audit and proposal_created event', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const { proposal, reused } = await store.createProposal(fx.proposal());
      expect(reused).toBe(false);
      expect(await store.getProposal(proposal.proposal_id)).toEqual(proposal);
      expect(await store.latestProposalId()).toBe(proposal.proposal_id);
      expect((await store.listEvents({ proposal: proposal.proposal_id })).map((e) => e.kind)).toEqual(['proposal_created']);
      expect((await store.getEvidence(proposal.evidence_bundle_id))?.proposal_id).toBe(proposal.proposal_id);
      await store.close();
    });

    it('reuses a waiting identical proposal, links the new evidence and records the dedupe', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const first = await store.createProposal(fx.proposal({ at: fx.at(0) }));
      const second = await store.createProposal(fx.proposal({ at: fx.at(1) }));
      expect(second).toMatchObject({ reused: true, proposal: { proposal_id: first.proposal.proposal_id } });
      const evidence = await store.listEvidence({ proposal: first.proposal.proposal_id });
      expect(evidence).toHaveLength(2);
      const kinds = (await store.listEvents({ proposal: first.proposal.proposal_id })).map((e) => e.kind);
      expect(kinds).toEqual(['proposal_created', 'proposal_deduplicated']);
      expect((await store.listProposals()).length).toBe(1);
      await store.close();
    });

    it('gives two concurrent identical calls one proposal', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const results = await Promise.all([store.createProposal(fx.proposal()), store.createProposal(fx.proposal())]);
      expect(new Set(results.map((r) => r.proposal.proposal_id)).size).toBe(1);
      expect(results.map((r) => r.reused).sort()).toEqual([false, true]);
      await store.close();
    });

    it('expires a due waiting duplicate and creates a new proposal instead', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const first = await store.createProposal(fx.proposal({ expires_at: fx.at(5) }));
      const second = await store.createProposal(fx.proposal({ at: fx.at(6), expires_at: fx.at(60) }));
      expect(second.reused).toBe(false);
      expect(second.proposal.proposal_id).not.toBe(first.proposal.proposal_id);
      expect((await store.getProposal(first.proposal.proposal_id))?.state).toBe('expired');
      await store.close();
    });

    it('refuses a change set that does not hash to proposal_hash', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const input = fx.proposal();
      const build = input.build;
      input.build = (existing) => {
        const write = build(existing);
        write.proposal!.change_set.patch = { status: 'paid' };
        return write;
      };
      await expectCode(store.createProposal(input), 'PROPOSAL_HASH_MISMATCH');
      expect(await eventCount(store)).toBe(0);
      await store.close();
    });

    it.each([
      ['a new proposal while a waiting duplicate exists', 'LEDGER_LINK_MISMATCH', 'duplicate'],
      ['a new proposal in a non-waiting state', 'PROPOSAL_STATE_INVALID', 'state'],
      ['evidence linked to another proposal', 'LEDGER_LINK_MISMATCH', 'evidence'],
      ['a different dedupe key on the proposal', 'LEDGER_LINK_MISMATCH', 'key'],
      ['no proposal event', 'LEDGER_LINK_MISMATCH', 'events'],
    ])('refuses a build with %s (%s), writing nothing', async (_label, code, fault) => {
      const store = await factory();
      const fx = new LedgerFixtures();
      if (fault === 'duplicate') await store.createProposal(fx.proposal());
      const before = await eventCount(store);
      const input = fx.proposal();
      const build = input.build;
      input.build = (existing) => {
        const write = fault === 'duplicate' ? build(null) : build(existing);
        if (fault === 'state') write.proposal!.state = 'approved';
        if (fault === 'evidence') write.evidence.proposal_id = 'wrp_other';
        if (fault === 'key') write.proposal!.dedupe_key = 'sha256:other';
        if (fault === 'events') write.events = [];
        return write;
      };
      await expectCode(store.createProposal(input), code);
      expect(await eventCount(store)).toBe(before);
      await store.close();
    });

    it('refuses an invalid prune cutoff and list time filter', async () => {
      const store = await factory();
      await expectCode(store.prune({ cutoff: 'yesterday', dryRun: true, event_id: 'evt_x', now: '2026-06-20T14:00:00.000Z' }), 'PRUNE_CUTOFF_INVALID');
      await expectCode(store.listEvidence({ from: 'soon' }), 'FILTER_TIME_INVALID');
      await store.close();
    });

    it('returns null / PROPOSAL_NOT_FOUND for an unknown proposal', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      expect(await store.getProposal('wrp_000000000000000000000000')).toBeNull();
      await expectCode(store.decide(fx.decide('wrp_000000000000000000000000')), 'PROPOSAL_NOT_FOUND');
      await store.close();
    });
  });

  describe('approval rules', () => {
    it('approves: approval record, state, event — bound to hash and version', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await newProposal(store, fx, { required_role: 'billing_lead' });
      const { approval, proposal } = await store.decide(fx.decide(p.proposal_id, { expect_hash: p.proposal_hash, expect_version: 1 }));
      expect(proposal.state).toBe('approved');
      expect(approval).toMatchObject({ decision: 'approved', actor: 'operator_1', proposal_hash: p.proposal_hash, required_roles: ['billing_lead'] });
      expect(await store.listApprovals(p.proposal_id)).toEqual([approval]);
      const last = (await store.listEvents({ proposal: p.proposal_id })).at(-1);
      expect(last).toMatchObject({ kind: 'proposal_approved', actor: 'operator_1', payload: { approval_id: approval.approval_id, proposal_version: 1 } });
      await expectCode(store.decide(fx.decide(p.proposal_id)), 'PROPOSAL_NOT_PENDING_REVIEW');
      await store.close();
    });

    const refusals: Array<[string, ProposalSpec, Partial<DecideInput>]> = [
      ['OPERATOR_REQUIRED', {}, { actor: '  ' }],
      ['SHADOW_WRITEBACK_DISABLED', { mode: 'shadow' }, { config_mode: 'read_only' }],
      ['READ_ONLY_WRITEBACK_DISABLED', { expires_at: '2026-06-20T14:00:30.000Z' }, { config_mode: 'read_only' }],
      ['PROPOSAL_EXPIRED', { expires_at: '2026-06-20T14:00:30.000Z' }, { expect_hash: 'sha256:0' }],
      ['PROPOSAL_HASH_MISMATCH', {}, { expect_hash: 'sha256:0', expect_version: 2 }],
      ['PROPOSAL_VERSION_MISMATCH', {}, { expect_version: 2, actor: 'agent_1' }],
      ['SELF_APPROVAL_FORBIDDEN', { required_role: 'cfo' }, { actor: ' agent_1 ' }],
      ['APPROVAL_ROLE_REQUIRED', { required_role: 'cfo' }, {}],
      ['APPROVAL_ROLE_REQUIRED', {}, { config_required_role: 'auditor' }],
    ];
    it.each(refusals)('refuses with %s (first failing check wins) and writes nothing', async (code, spec, overrides) => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await newProposal(store, fx, spec);
      const before = await eventCount(store);
      await expectCode(store.decide(fx.decide(p.proposal_id, overrides)), code);
      expect(await store.listApprovals(p.proposal_id)).toEqual([]);
      const extra = spec.expires_at ? 1 : 0; // a due proposal is expired on touch, with its event
      expect(await eventCount(store)).toBe(before + extra);
      await store.close();
    });

    it('rejects with a reason of 1..1000 characters, from pending_review or approved', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await newProposal(store, fx);
      const reject = (reason: string | null) => fx.decide(p.proposal_id, { decision: 'rejected', reason, roles: [] });
      await expectCode(store.decide(reject(null)), 'REJECT_REASON_REQUIRED');
      await expectCode(store.decide(reject('   ')), 'REJECT_REASON_REQUIRED');
      await expectCode(store.decide(reject('x'.repeat(1001))), 'REJECT_REASON_REQUIRED');
      const approved = await store.decide(fx.decide(p.proposal_id));
      const { proposal, approval } = await store.decide(reject('x'.repeat(1000)));
      expect([approved.proposal.state, proposal.state, approval.decision]).toEqual(['approved', 'rejected', 'rejected']);
      await expectCode(store.decide(reject('again')), 'PROPOSAL_NOT_REJECTABLE');
      await store.close();
    });

    it.each(STATES)('from %s: approve and reject follow the state machine', async (state) => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, state);
      expect(p.state).toBe(state);
      const approve = store.decide(fx.decide(p.proposal_id));
      const approveCode = { pending_review: null, shadow: 'SHADOW_WRITEBACK_DISABLED', expired: 'PROPOSAL_EXPIRED' }[state as string];
      if (approveCode === null) expect((await approve).proposal.state).toBe('approved');
      else await expectCode(approve, approveCode ?? 'PROPOSAL_NOT_PENDING_REVIEW');
      const fresh = state === 'pending_review' ? await proposalIn(store, fx, state) : p;
      const reject = store.decide(fx.decide(fresh.proposal_id, { decision: 'rejected', reason: 'no' }));
      if (state === 'pending_review' || state === 'approved') expect((await reject).proposal.state).toBe('rejected');
      else await expectCode(reject, 'PROPOSAL_NOT_REJECTABLE');
      await store.close();
    });

    it('expireDue moves due pending_review and approved proposals only', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const due = await newProposal(store, fx, { expires_at: fx.at(10) });
      const dueApproved = await newProposal(store, fx, { expires_at: fx.at(10) });
      await store.decide(fx.decide(dueApproved.proposal_id));
      const later = await newProposal(store, fx, { expires_at: fx.at(60) });
      const never = await newProposal(store, fx);
      expect(await store.expireDue(fx.at(9))).toBe(0);
      expect(await store.expireDue(fx.at(10))).toBe(2);
      expect(await store.expireDue(fx.at(11))).toBe(0);
      const states = await Promise.all([due, dueApproved, later, never].map(async (p) => (await store.getProposal(p.proposal_id))!.state));
      expect(states).toEqual(['expired', 'expired', 'pending_review', 'pending_review']);
      const expiredEvent = (await store.listEvents({ proposal: due.proposal_id, kind: 'proposal_expired' }))[0];
      expect(expiredEvent).toMatchObject({ actor: 'runner', payload: { expires_at: fx.at(10) } });
      await store.close();
    });
  });
}
