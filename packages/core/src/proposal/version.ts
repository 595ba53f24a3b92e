import type { ProposalCapabilityConfig } from '../config/index.js';
import { SynapsorError } from '../errors/index.js';
import type { ExpectedVersion, Row } from '../records/index.js';

/**
 * Step 14: the conflict guard. A version column wins; a weak guard falls back to the row hash
 * over the hash columns; neither → `CONFLICT_GUARD_MISSING`.
 */
export function expectedVersionOf(
  capability: ProposalCapabilityConfig,
  row: Row,
  rowHash: string,
  hashColumns: string[],
): ExpectedVersion {
  const guard = capability.conflict_guard;
  if (guard.column !== undefined) return { column: guard.column, value: row[guard.column] ?? null };
  if (guard.weak_guard_ack === true) return { column: '__row_hash', value: rowHash, columns: [...hashColumns] };
  throw new SynapsorError('CONFLICT_GUARD_MISSING', 'This proposal has no reviewed conflict guard.');
}
