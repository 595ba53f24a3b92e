import { SynapsorError } from '../errors/index.js';
import { assertNoSecretMaterial } from '../guards/secret-material.js';
import { isStoredId } from '../ids/index.js';
import type { EventKind, NewEvent } from '../records/index.js';

/**
 * Secret scan of every value a write will persist, before anything is written: the whole
 * write fails with `SECRET_MATERIAL_REJECTED` naming the first offending path.
 */
export function scanForSecrets(values: Record<string, unknown>): void {
  for (const [root, value] of Object.entries(values)) assertNoSecretMaterial(value, root);
}

/** Stored ids must match the spec's id pattern (they become file names, URIs and CLI args). */
export function assertStoredIds(ids: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(ids)) {
    if (value === null || value === undefined) continue;
    if (!isStoredId(value)) throw new SynapsorError('LEDGER_ID_INVALID', `Invalid stored id in ${field}`);
  }
}

export function assertEventKind(event: NewEvent, kinds: readonly EventKind[]): void {
  if (!kinds.includes(event.kind)) {
    throw new SynapsorError('EVENT_KIND_NOT_APPENDABLE', `Event kind ${event.kind} is not valid here`);
  }
  assertStoredIds({ event_id: event.event_id, proposal_id: event.proposal_id });
}

export function assertIntegrity(ok: boolean, code: string, message: string): void {
  if (!ok) throw new SynapsorError(code, message);
}
