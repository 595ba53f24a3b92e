import { describe, expect, it } from 'vitest';
import type { ProposalState } from '../../records/index.js';
import { LedgerFixtures } from '../ledger-fixtures.js';
import { expectCode, newProposal, proposalIn, type StoreFactory } from './support.js';

const CLAIM_FROM: Array<[ProposalState, string | null]> = [
  ['pending_review', 'PROPOSAL_NOT_APPROVED'],
  ['shadow', 'SHADOW_WRITEBACK_DISABLED'],
  ['approved', null],
  ['rejected', 'PROPOSAL_NOT_APPROVED'],
  ['expired', 'PROPOSAL_EXPIRED'],
  ['applied', 'PROPOSAL_NOT_APPROVED'],
  ['conflict', 'PROPOSAL_NOT_APPROVED'],
];

export function writebackConformance(factory: StoreFactory): void {
  describe('writeback claim and receipts', () => {
    it.each(CLAIM_FROM)('claim from %s → %s', async (state, code) => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, state);
      const claim = store.claimWriteback(fx.claim(p, 1, [state]));
      if (code === null) expect((await claim).state).toBe('pending_worker');
      else await expectCode(claim, code);
      await store.close();
    });

    it('claims once: the concurrent loser gets WRITEBACK_IN_PROGRESS', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, 'approved');
      const results = await Promise.allSettled([store.claimWriteback(fx.claim(p)), store.claimWriteback(fx.claim(p))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason.code).toBe('WRITEBACK_IN_PROGRESS');
      expect((await store.getJob(p.proposal_id))?.attempt).toBe(1);
      await store.close();
    });

    it('records a receipt: state, job, event; UNIQUE(job, attempt)', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const approved = await proposalIn(store, fx, 'approved');
      const claim = fx.claim(approved);
      await store.claimWriteback(claim);
      const input = fx.receipt(claim.job, 'applied');
      expect((await store.recordReceipt(input)).state).toBe('applied');
      expect(await store.getReceipt(input.receipt.receipt_id)).toEqual(input.receipt);
      expect(await store.listReceiptsFor(approved.proposal_id)).toEqual([input.receipt]);
      const kinds = (await store.listEvents({ proposal: approved.proposal_id })).map((e) => e.kind);
      expect(kinds).toEqual(['proposal_created', 'proposal_approved', 'writeback_started', 'writeback_applied']);
      await expectCode(store.recordReceipt(fx.receipt(claim.job, 'applied')), 'WRITEBACK_NOT_CLAIMED');
      await store.close();
    });

    it('refuses a receipt that does not match the claimed attempt, state or hash', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const approved = await proposalIn(store, fx, 'approved');
      await expectCode(store.recordReceipt(fx.receipt(fx.job(approved, 1))), 'WRITEBACK_NOT_CLAIMED');
      const claim = fx.claim(approved);
      await store.claimWriteback(claim);
      await expectCode(store.recordReceipt(fx.receipt(fx.job(approved, 2))), 'RECEIPT_JOB_MISMATCH');
      await expectCode(store.recordReceipt({ ...fx.receipt(claim.job, 'conflict'), new_state: 'applied' }), 'RECEIPT_STATE_MISMATCH');
      const tampered = fx.receipt(claim.job, 'applied');
      tampered.receipt.rows_affected = 7;
      await expectCode(store.recordReceipt(tampered), 'RECEIPT_HASH_MISMATCH');
      const secret = fx.receipt(claim.job, 'failed');
      await expectCode(store.recordReceipt({ ...secret, receipt: { ...secret.receipt, details: { stderr: 'mysql://root@h/db' } } }), 'SECRET_MATERIAL_REJECTED');
      expect((await store.getProposal(approved.proposal_id))?.state).toBe('pending_worker');
      expect(await store.listReceiptsFor(approved.proposal_id)).toEqual([]);
      await store.close();
    });

    it('retries a failed attempt as attempt 2 with the same job, then applies', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const failed = await proposalIn(store, fx, 'failed');
      await expectCode(store.claimWriteback(fx.claim(failed, 2, ['approved'])), 'RETRY_REQUIRED');
      await expectCode(store.claimWriteback(fx.claim(failed, 1, ['failed'])), 'WRITEBACK_IN_PROGRESS');
      const retry = fx.claim(failed, 2, ['failed']);
      expect((await store.claimWriteback(retry)).state).toBe('pending_worker');
      expect((await store.recordReceipt(fx.receipt(retry.job, 'already_applied'))).state).toBe('applied');
      expect((await store.listReceiptsFor(failed.proposal_id)).map((r) => [r.attempt, r.status])).toEqual([[1, 'failed'], [2, 'already_applied']]);
      await store.close();
    });

    it('re-claims a pending_worker proposal (stale lease recovery) as the next attempt', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, 'pending_worker');
      await expectCode(store.claimWriteback(fx.claim(p, 2, ['approved'])), 'WRITEBACK_IN_PROGRESS');
      expect((await store.claimWriteback(fx.claim(p, 2, ['pending_worker']))).state).toBe('pending_worker');
      expect((await store.getJob(p.proposal_id))?.attempt).toBe(2);
      await store.close();
    });

    it('refuses to claim an expired approval or retry a failed one past expiry', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await newProposal(store, fx, { expires_at: fx.at(2) });
      const approved = (await store.decide(fx.decide(p.proposal_id))).proposal;
      await expectCode(store.claimWriteback(fx.claim(approved, 1, ['approved'], fx.at(3))), 'PROPOSAL_EXPIRED');
      expect((await store.getProposal(p.proposal_id))?.state).toBe('expired');
      const q = await newProposal(store, fx, { expires_at: fx.at(2.5) });
      await store.decide(fx.decide(q.proposal_id));
      const claim = fx.claim((await store.getProposal(q.proposal_id))!, 1, ['approved'], fx.at(2));
      await store.claimWriteback(claim);
      await store.recordReceipt(fx.receipt(claim.job, 'failed', fx.at(2.2)));
      await expectCode(store.claimWriteback(fx.claim(q, 2, ['failed'], fx.at(3))), 'PROPOSAL_EXPIRED');
      await store.close();
    });

    it('refuses a job that does not match the proposal', async () => {
      const store = await factory();
      const fx = new LedgerFixtures();
      const p = await proposalIn(store, fx, 'approved');
      const claim = fx.claim(p);
      claim.job.proposal_hash = 'sha256:' + '0'.repeat(64);
      await expectCode(store.claimWriteback(claim), 'JOB_MISMATCH');
      await store.close();
    });
  });
}
