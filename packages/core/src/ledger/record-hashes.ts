import { hashCanonical, sealedHashOf } from '../hashing/index.js';
import type { ChangeSet, EvidenceBundle, ExecutionReceipt, QueryAuditRecord } from '../records/index.js';

function without<T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> {
  const { [key]: _omitted, ...rest } = record;
  return rest;
}

/** `integrity.proposal_hash`: JCS of the change set without `integrity`. */
export function proposalHashOf(changeSet: ChangeSet): string {
  return hashCanonical(without(changeSet, 'integrity'));
}

/** Evidence `content_hash`: the bundle (with items) without `content_hash`. */
export function evidenceContentHash(bundle: EvidenceBundle): string {
  return hashCanonical(without(bundle, 'content_hash'));
}

export function queryAuditContentHash(audit: QueryAuditRecord): string {
  return hashCanonical(without(audit, 'content_hash'));
}

export function receiptHashOf(receipt: ExecutionReceipt): string {
  return hashCanonical(without(receipt, 'receipt_hash'));
}

/** Stored change set still hashes to the proposal's hash, and carries that same hash. */
export function changeSetIntact(changeSet: ChangeSet, proposalHash: string): boolean {
  return changeSet.integrity?.proposal_hash === proposalHash && proposalHashOf(changeSet) === proposalHash;
}

/** A record sealed when it was hashed cannot have changed: its remembered hash is compared. */
export function evidenceIntact(bundle: EvidenceBundle): boolean {
  return (sealedHashOf(bundle) ?? evidenceContentHash(bundle)) === bundle.content_hash;
}

export function queryAuditIntact(audit: QueryAuditRecord): boolean {
  return (sealedHashOf(audit) ?? queryAuditContentHash(audit)) === audit.content_hash;
}

export function receiptIntact(receipt: ExecutionReceipt): boolean {
  return receiptHashOf(receipt) === receipt.receipt_hash;
}
