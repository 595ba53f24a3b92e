import { checkClaim, checkReceipt } from '../../approval/check-writeback.js';
import type { ClaimInput, RecordReceiptInput } from '../../ports/ledger-store.js';
import type { ProposalRecord } from '../../records/index.js';
import type { LedgerTx } from '../tx.js';
import { assertEventKind, assertStoredIds, scanForSecrets } from '../validate.js';
import { appendChained } from './append.js';
import { touchExpiry } from './expire.js';
import type { OpOutcome } from './outcome.js';
import { transition } from './transition.js';

/** Claim: CAS to `pending_worker`, job row (attempt n, lease) and `writeback_started`. */
export function claimWritebackOp(tx: LedgerTx, input: ClaimInput): OpOutcome<ProposalRecord> {
  assertEventKind(input.event, ['writeback_started']);
  assertStoredIds({ proposal_id: input.proposal_id, writeback_job_id: input.job.writeback_job_id });
  scanForSecrets({ job: input.job, event: input.event });
  const found = tx.proposal(input.proposal_id);
  const refusal = checkClaim(found, input, tx.job(input.proposal_id));
  const current = found ? touchExpiry(tx, found, input.now) : null;
  if (refusal) return { ok: false, error: refusal };
  const claimed = transition(tx, current!, 'pending_worker', input.now);
  tx.saveJob(input.job, 'claimed', input.now);
  appendChained(tx, input.event);
  return { ok: true, value: claimed };
}

/** Receipt + job completion + state (`applied` / `conflict` / `failed`) + `writeback_<status>`. */
export function recordReceiptOp(tx: LedgerTx, input: RecordReceiptInput): ProposalRecord {
  const { receipt } = input;
  assertEventKind(input.event, [`writeback_${receipt.status}`]);
  assertStoredIds({ receipt_id: receipt.receipt_id, proposal_id: receipt.proposal_id });
  scanForSecrets({ receipt, event: input.event });
  const proposal = tx.proposal(receipt.proposal_id);
  const job = tx.job(receipt.proposal_id);
  const refusal = checkReceipt(proposal, input, job);
  if (refusal) throw refusal;
  const next = transition(tx, proposal!, input.new_state, input.now);
  tx.insertReceipt(receipt);
  tx.saveJob(job!, 'completed', input.now);
  appendChained(tx, input.event);
  return next;
}
