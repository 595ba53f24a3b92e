/**
 * Schema version 2: index diet on the two tables every read call writes (one row each, so each
 * index is one more B-tree page dirtied and written to the WAL per call). Every ledger.md search
 * filter keeps an index (test/query-plans.test.ts checks each plan); these six served no filter
 * on their own:
 *
 * - `evidence_bundles_target_idx`, `query_audit_table_name_idx`: the qualified `--table` filter
 *   now also constrains the bare name (implied by the qualified one), so the bare-name index
 *   serves both spellings.
 * - `query_audit_evidence_bundle_id_idx`: `--evidence` on query audit goes through the evidence
 *   bundle's primary key to its `query_audit_id` (the two records name each other; core checks
 *   the link before writing), then the audit's primary key.
 * - `evidence_bundles_unlinked_idx`: `proposal_id IS NULL` is an equality lookup on
 *   `evidence_bundles_proposal_id_idx (proposal_id, created_at)`, which also keeps the order.
 * - `evidence_bundles_query_audit_id_idx`, `query_audit_outcome_idx`: no filter uses them alone
 *   (activity's not-found reads have their own partial index).
 *
 * Dropping an index frees its pages without reading table rows; on a large existing ledger this
 * one-time step costs about as long as reading those six indexes once.
 */
const DROPPED = [
  'evidence_bundles_target_idx',
  'evidence_bundles_query_audit_id_idx',
  'evidence_bundles_unlinked_idx',
  'query_audit_table_name_idx',
  'query_audit_evidence_bundle_id_idx',
  'query_audit_outcome_idx',
];

export const SCHEMA_V2 = DROPPED.map((name) => `DROP INDEX IF EXISTS ${name};`).join('\n');
