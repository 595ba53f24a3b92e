import { isoNow, systemClock } from '@synapsor/core';
import { runApply } from '../support/apply.js';
import { decideProposal } from '../support/proposals.js';
import { DEMO_REVIEWER } from './reference.js';
import { expect, sourceRow, type DemoState } from './state.js';

/** Approval outside MCP, through the store's `decide` exactly as `proposals approve` does. */
async function approve(state: DemoState, proposalId: string): Promise<boolean> {
  const proposal = await state.store.getProposal(proposalId);
  if (!expect(state, proposal !== null, `proposal ${proposalId} is not in the ledger`) || !proposal) return false;
  await decideProposal(state.store, state.config, proposal, {
    decision: 'approved',
    operator: DEMO_REVIEWER,
    reason: 'demo approval',
    expectHash: proposal.proposal_hash,
    expectVersion: proposal.proposal_version,
  });
  state.out.line(`approved by ${DEMO_REVIEWER.actor} (roles ${DEMO_REVIEWER.roles.join(', ')}) — required role ${proposal.required_role ?? '(none)'}`);
  state.out.line(`bound to hash ${proposal.proposal_hash} version ${proposal.proposal_version}`);
  return true;
}

function apply(state: DemoState, proposalId: string) {
  return runApply({ config: state.config, store: state.store, env: state.env, proposalId, actor: DEMO_REVIEWER.actor });
}

export async function stepApprove(state: DemoState): Promise<void> {
  state.out.step(5, 'approve — outside MCP, by operator demo.reviewer');
  const id = state.summary.proposal_id;
  if (expect(state, id !== null, 'no proposal to approve') && id) await approve(state, id);
}

export async function stepApply(state: DemoState): Promise<void> {
  state.out.step(6, 'apply — guarded single-row UPDATE, then re-apply');
  const id = state.summary.proposal_id;
  if (!expect(state, id !== null, 'no proposal to apply') || !id) return;
  const first = await apply(state, id);
  state.out.line(`receipt: ${first.receipt?.status ?? first.refused?.code ?? 'none'}, rows ${first.receipt?.rows_affected ?? 0}`);
  if (first.receipt?.status === 'applied') state.summary.applied += 1;
  const row = await sourceRow(state, 'invoices', 'INV-3001');
  state.out.line(`invoices INV-3001 late_fee_cents = ${String(row?.late_fee_cents)}`);
  expect(state, first.receipt?.status === 'applied' && row?.late_fee_cents === 0, 'the first apply did not write late_fee_cents 0');
  const second = await apply(state, id);
  const rowAfter = await sourceRow(state, 'invoices', 'INV-3001');
  const untouched = rowAfter?.version_text === row?.version_text;
  state.out.line(`re-apply: ${second.already_applied ? 'already_applied' : (second.receipt?.status ?? second.refused?.code)}; second write: ${untouched ? 'none' : 'YES'}`);
  if (second.already_applied) state.summary.already_applied += 1;
  expect(state, Boolean(second.already_applied) && untouched, 're-apply was not already_applied without a second write');
}

export async function stepConflict(state: DemoState): Promise<void> {
  state.out.step(7, 'conflict — support.propose_ticket_resolution on T-1042, changed by another user before apply');
  const envelope = await state.client.call('support.propose_ticket_resolution', { ticket_id: 'T-1042', resolution_note: 'Late fee on INV-3001 waived.' });
  state.out.line(envelope.summary);
  const id = envelope.proposal?.id ?? null;
  state.summary.conflict_proposal_id = id;
  if (!expect(state, envelope.ok && id !== null, 'the ticket proposal was not created') || !id) return;
  if (!(await approve(state, id))) return;
  // "Another user" edits the ticket: its version column moves past the reviewed one.
  await state.pg.query(`UPDATE support_tickets SET updated_at = updated_at + interval '1 minute' WHERE id = $1`, ['T-1042']);
  state.out.line('another user updated T-1042 (updated_at moved)');
  const result = await apply(state, id);
  const receipt = result.receipt;
  state.out.line(`receipt: ${receipt?.status ?? result.refused?.code ?? 'none'} ${receipt?.safe_error_code ?? ''}`.trimEnd());
  if (receipt?.status === 'conflict') state.summary.conflict += 1;
  const row = await sourceRow(state, 'support_tickets', 'T-1042');
  state.out.line(`support_tickets T-1042 status = ${String(row?.status)} (untouched)`);
  expect(state, receipt?.status === 'conflict' && receipt.safe_error_code === 'VERSION_CONFLICT', 'apply did not end in conflict VERSION_CONFLICT');
  expect(state, row?.status === 'open' && row.resolution_note === null, 'the conflicting apply touched the row');
}

export async function stepReplay(state: DemoState): Promise<void> {
  state.out.step(9, 'replay — what the ledger recorded for the first proposal');
  const id = state.summary.proposal_id;
  if (!expect(state, id !== null, 'no proposal to replay') || !id) return;
  const replay = await state.store.replay(id, isoNow(systemClock));
  if (!expect(state, replay !== null, 'replay not found') || !replay) return;
  state.out.line(`events: ${replay.events.map((event) => event.kind).join(' → ')}`);
  state.out.line(`approvals: ${replay.approvals.length}, evidence bundles: ${replay.evidence.length}, receipts: ${replay.receipts.map((receipt) => receipt.status).join(', ')}`);
  const { integrity } = replay;
  state.out.line(
    `integrity: proposal hash ${integrity.proposal_hash_ok ? 'ok' : 'BROKEN'}, evidence ${integrity.evidence_hashes_ok ? 'ok' : 'BROKEN'}, receipts ${integrity.receipt_hashes_ok ? 'ok' : 'BROKEN'}, chain ${integrity.chain_ok ? 'ok' : 'BROKEN'}`,
  );
  expect(state, integrity.proposal_hash_ok !== false && integrity.evidence_hashes_ok && integrity.receipt_hashes_ok && integrity.chain_ok, 'replay integrity checks failed');
  state.out.line('next: connect your own database (read-only first):');
  state.out.line('  export DATABASE_URL=…   # in your shell, never in a file you commit');
  state.out.line('  synapsor-runner onboard db --from-env DATABASE_URL');
}
