import { hashCanonical } from '../hashing/index.js';

/**
 * `result_hash` stored in the receipts table (writeback.md `sql_update`):
 * sha256 of JCS `{job_id, status, new_version}`. Shared so both SQL adapters agree byte for byte.
 */
export function writebackResultHash(jobId: string, status: string, newVersion: string | null): string {
  return hashCanonical({ job_id: jobId, status, new_version: newVersion });
}
