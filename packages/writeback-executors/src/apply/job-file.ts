import { canonicalJson } from '@synapsor/core';
import type { WritebackJob } from '@synapsor/core';
import { refuseWith } from './refusal.js';

/**
 * `apply --job` (writeback.md): the file's job must equal, field by field except `lease`, the
 * job derived from the ledger and the reviewed config, and its lease must not have expired.
 * Returns the job to run: the derived one, under the file's lease (id and expiry) but held by
 * this process, so crash recovery still knows who holds it.
 *
 * `created_at` records when the job was derived; the ledger cannot reproduce that instant, so
 * the derived job adopts the file's value (shape-checked) instead of comparing it.
 */
export function acceptJobFile(derived: WritebackJob, file: WritebackJob, now: Date): WritebackJob {
  const expected: WritebackJob = { ...derived, created_at: file.created_at };
  const differing = (Object.keys(expected) as Array<keyof WritebackJob>)
    .filter((field) => field !== 'lease')
    .filter((field) => canonicalJson(expected[field]) !== canonicalJson(file[field]));
  if (differing.length > 0) {
    // Field names only: the values may be business data.
    refuseWith('JOB_MISMATCH', `The job file differs from the job derived from the ledger in: ${differing.join(', ')}`);
  }
  if (Date.parse(file.lease.expires_at) <= now.getTime()) {
    refuseWith('WRITEBACK_LEASE_EXPIRED', 'The job file lease has expired; export the job again');
  }
  return { ...expected, lease: { lease_id: file.lease.lease_id, expires_at: file.lease.expires_at, holder: { ...derived.lease.holder } } };
}
