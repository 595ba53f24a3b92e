import type { ProposalCapabilityConfig } from '../config/index.js';
import { isoNow, newId } from '../ids/index.js';
import type { ValidatedArguments } from '../tools/index.js';
import type { ProposalRecord, TrustedContext } from '../records/index.js';
import type { CallTrace, RuntimeDeps } from './context.js';
import type { RowRead } from './execute-read.js';
import { readRecordedEvent } from './execute-read.js';
import { applyPolicy, draftProposal, type Policy } from './proposal-write.js';
import { readRecords } from './read-records.js';

export interface ProposalOutcome {
  proposal: ProposalRecord;
  reused: boolean;
  evidenceBundleId: string;
}

/**
 * Steps 12–16. A policy refusal still records what was read (evidence + audit) so the
 * refusal is replayable; then it rethrows.
 */
export async function proposeChange(
  deps: RuntimeDeps,
  capability: ProposalCapabilityConfig,
  args: ValidatedArguments,
  read: RowRead,
  context: TrustedContext,
  trace: CallTrace,
): Promise<ProposalOutcome> {
  const createdAt = isoNow(deps.clock);
  const evidenceBundleId = newId('ev', deps.random);
  let policy: Policy;
  try {
    policy = applyPolicy(capability, args, read.row);
  } catch (error) {
    const { evidence, audit } = readRecords(capability, read, context, { ...args }, { evidenceBundleId, proposalId: null, createdAt });
    await deps.store.recordRead({ evidence, query_audit: audit, event: readRecordedEvent(deps, context, audit, evidence) });
    trace.evidenceBundleId = evidenceBundleId;
    throw error;
  }
  const ids = { proposalId: newId('wrp', deps.random), evidenceBundleId, eventId: newId('evt', deps.random) };
  const { write } = draftProposal({ config: deps.config, mode: deps.mode, capability, args, read, context, policy, ids, createdAt });
  const result = await deps.store.createProposal(write);
  trace.evidenceBundleId = evidenceBundleId;
  trace.proposalId = result.proposal.proposal_id;
  return { proposal: result.proposal, reused: result.reused, evidenceBundleId };
}
