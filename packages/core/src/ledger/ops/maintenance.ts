import { SynapsorError } from '../../errors/index.js';
import { FINAL_PROPOSAL_STATES, type JsonValue } from '../../records/index.js';
import type { PruneInput, PruneResult } from '../../ports/ledger-store.js';
import type { LedgerTx } from '../tx.js';
import { assertStoredIds, scanForSecrets } from '../validate.js';
import { appendChained } from './append.js';

/**
 * Dry run: counts only. Real: deletes final-state proposal graphs and unlinked reads older
 * than the cutoff (their events become tombstones), then appends `store_pruned`.
 */
export function pruneOp(tx: LedgerTx, input: PruneInput): PruneResult {
  assertStoredIds({ event_id: input.event_id });
  if (Number.isNaN(Date.parse(input.cutoff))) {
    throw new SynapsorError('PRUNE_CUTOFF_INVALID', 'The prune cutoff must be an ISO 8601 timestamp');
  }
  const counts = tx.prune(input.cutoff, FINAL_PROPOSAL_STATES, !input.dryRun);
  if (!input.dryRun) {
    appendChained(tx, {
      event_id: input.event_id,
      proposal_id: null,
      kind: 'store_pruned',
      actor: 'runner',
      payload: { cutoff: input.cutoff, counts },
      created_at: input.now,
    });
  }
  return { dry_run: input.dryRun, cutoff: input.cutoff, counts };
}

export function setStateOp(tx: LedgerTx, key: string, value: JsonValue, now: string): void {
  scanForSecrets({ state: { [key]: value } });
  tx.setState(key, value, now);
}
