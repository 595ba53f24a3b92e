import { WAITING_STATES } from '../../approval/transitions.js';
import { SynapsorError } from '../../errors/index.js';
import type { CreateProposalInput, ProposalWrite } from '../../ports/ledger-store.js';
import type { ProposalRecord } from '../../records/index.js';
import { changeSetIntact } from '../record-hashes.js';
import type { LedgerTx } from '../tx.js';
import { assertEventKind, assertIntegrity, assertStoredIds, scanForSecrets } from '../validate.js';
import { appendChained } from './append.js';
import { touchExpiry } from './expire.js';
import { assertReadRecords, writeReadRecords } from './record-read.js';

function linkError(message: string): SynapsorError {
  return new SynapsorError('LEDGER_LINK_MISMATCH', message);
}

function assertNewProposal(proposal: ProposalRecord, input: CreateProposalInput, write: ProposalWrite): void {
  assertStoredIds({ proposal_id: proposal.proposal_id, evidence_bundle_id: proposal.evidence_bundle_id });
  if (proposal.dedupe_key !== input.dedupe_key) throw linkError('The proposal carries a different dedupe key');
  if (!WAITING_STATES.includes(proposal.state)) {
    throw new SynapsorError('PROPOSAL_STATE_INVALID', `A new proposal cannot start in ${proposal.state}`);
  }
  if (proposal.evidence_bundle_id !== write.evidence.evidence_bundle_id) {
    throw linkError('The proposal names a different evidence bundle');
  }
  assertIntegrity(
    changeSetIntact(proposal.change_set, proposal.proposal_hash) &&
      proposal.change_set.proposal_id === proposal.proposal_id,
    'PROPOSAL_HASH_MISMATCH',
    'The change set does not hash to proposal_hash',
  );
}

/** The waiting duplicate to reuse, after expiring it if its time has passed. */
function reusable(tx: LedgerTx, input: CreateProposalInput): ProposalRecord | null {
  const waiting = tx.waitingByDedupe(input.dedupe_key);
  if (!waiting) return null;
  const current = touchExpiry(tx, waiting, input.now);
  return WAITING_STATES.includes(current.state) ? current : null;
}

/**
 * read-and-proposal.md step 6–7: reuse a waiting, unexpired identical proposal (link the new
 * evidence, `proposal_deduplicated`) or store a new one (`proposal_created`). Runs inside one
 * write transaction, so two identical concurrent calls produce one proposal.
 */
export function createProposalOp(
  tx: LedgerTx,
  input: CreateProposalInput,
): { proposal: ProposalRecord; reused: boolean } {
  const existing = reusable(tx, input);
  const write = input.build(existing);
  if (existing && write.proposal) throw linkError('A waiting identical proposal exists; it must be reused');
  const proposal = write.proposal ?? existing;
  if (!proposal) throw linkError('No proposal to store or reuse');
  if (write.proposal) assertNewProposal(write.proposal, input, write);
  const kind = write.proposal ? 'proposal_created' : 'proposal_deduplicated';
  for (const event of write.events) {
    assertEventKind(event, [kind]);
    if (event.proposal_id !== proposal.proposal_id) throw linkError('An event names a different proposal');
  }
  if (write.events.length === 0) throw linkError(`Event ${kind} is required`);
  if (write.evidence.proposal_id !== proposal.proposal_id) throw linkError('Evidence names a different proposal');
  scanForSecrets({
    proposal: write.proposal,
    evidence: write.evidence,
    query_audit: write.query_audit,
    events: write.events,
  });
  assertReadRecords(write.evidence, write.query_audit);
  if (write.proposal) tx.insertProposal(write.proposal);
  writeReadRecords(tx, write.evidence, write.query_audit);
  for (const event of write.events) appendChained(tx, event);
  return { proposal, reused: write.proposal === null };
}
