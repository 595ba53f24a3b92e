/**
 * `createProposal` across the thread. Its input carries `build(existing)`, a closure that must
 * run inside the write transaction once the store knows whether a waiting duplicate exists — and
 * a closure cannot be cloned. So the proxy calls `build` on the main thread for the `existing`
 * values it expects and sends the results; the worker runs the real operation with a `build`
 * that looks its `existing` up among them. A miss (a duplicate appeared, or the one built
 * against changed) rolls the call's savepoint back and answers `{need: existing}`; the proxy
 * builds for it and sends the call again. Usually one round: `build(null)` is sent up front.
 * `build` is pure apart from drawing ids, so calling it for a guess that is not used is harmless.
 */
import { SynapsorError, type CreateProposalInput, type LedgerStore, type ProposalRecord, type ProposalWrite } from '@synapsor/core';
import { guarded } from './errors.js';

interface Built {
  existing: ProposalRecord | null;
  write: ProposalWrite;
}

export interface RemoteProposalInput {
  dedupe_key: string;
  now: string;
  builds: Built[];
}

export type RemoteProposalReply = { done: { proposal: ProposalRecord; reused: boolean } } | { need: ProposalRecord | null };

/** A duplicate that keeps changing between rounds (another process) ends as a busy ledger. */
const MAX_ROUNDS = 4;

// Both sides serialise records the same way (worker rows → clone), so equal JSON = same record.
const same = (a: ProposalRecord | null, b: ProposalRecord | null) => JSON.stringify(a) === JSON.stringify(b);

/** Main thread: `send` posts one round to the worker. */
export async function createProposalRemotely(
  input: CreateProposalInput,
  send: (round: RemoteProposalInput) => Promise<RemoteProposalReply>,
): Promise<{ proposal: ProposalRecord; reused: boolean }> {
  const builds: Built[] = [];
  // In the store a throwing `build` is converted like any error inside the transaction.
  const buildFor = (existing: ProposalRecord | null) => guarded(() => builds.push({ existing, write: input.build(existing) }));
  try {
    buildFor(null);
  } catch {
    // Only an error if the worker needs it: then it is built again and that throw is the answer.
  }
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const reply = await send({ dedupe_key: input.dedupe_key, now: input.now, builds });
    if ('done' in reply) return reply.done;
    buildFor(reply.need);
  }
  throw new SynapsorError('LEDGER_BUSY', 'The local ledger is busy; retry shortly');
}

/** Worker: one round against the real store. */
export async function createProposalLocally(store: LedgerStore, input: RemoteProposalInput): Promise<RemoteProposalReply> {
  let missing: { existing: ProposalRecord | null } | undefined;
  try {
    const done = await store.createProposal({
      dedupe_key: input.dedupe_key,
      now: input.now,
      build: (existing) => {
        const built = input.builds.find((b) => same(b.existing, existing));
        if (built) return built.write;
        missing = { existing };
        // Any throw rolls this call back; the code is never seen (`missing` answers instead).
        throw new SynapsorError('LEDGER_BUSY', 'Proposal must be built for the current duplicate');
      },
    });
    return { done };
  } catch (error) {
    if (missing) return { need: missing.existing };
    throw error;
  }
}
