import type { ProposalState, PruneCounts } from '@synapsor/core';
import type { Statements } from './statements.js';

/**
 * Set-based prune. `@cutoff` and the final-state list select the proposal graphs; reads without
 * a proposal older than the cutoff go too. Deletes run children first; proposals last so the
 * subquery keeps naming them until the end.
 */
export function prune(s: Statements, cutoff: string, finalStates: readonly ProposalState[], apply: boolean): PruneCounts {
  const states = finalStates.map((state) => `'${state.replace(/'/g, "''")}'`).join(', ');
  const doomed = `SELECT proposal_id FROM proposals WHERE state IN (${states}) AND created_at < @cutoff`;
  const owned = `(proposal_id IN (${doomed}) OR (proposal_id IS NULL AND created_at < @cutoff))`;
  const evidence = `SELECT evidence_bundle_id FROM evidence_bundles WHERE ${owned}`;
  const where = {
    proposals: `proposal_id IN (${doomed})`,
    approvals: `proposal_id IN (${doomed})`,
    writeback_jobs: `proposal_id IN (${doomed})`,
    receipts: `proposal_id IN (${doomed})`,
    evidence_items: `evidence_bundle_id IN (${evidence})`,
    evidence_bundles: owned,
    query_audit: owned,
    replay_records: `subject_id IN (${doomed}) OR subject_id IN (${evidence})`,
    proposal_events: `pruned = 0 AND (proposal_id IN (${doomed}) OR (kind = 'read_recorded' AND created_at < @cutoff))`,
  };
  const params = { cutoff };
  const counts: PruneCounts = {};
  for (const [table, condition] of Object.entries(where)) {
    const key = table === 'proposal_events' ? 'events' : table;
    counts[key] = s.value<number>(`SELECT COUNT(*) FROM ${table} WHERE ${condition}`, params) ?? 0;
  }
  if (!apply) return counts;
  s.run(`UPDATE proposal_events SET pruned = 1, payload_json = NULL, actor = NULL, proposal_id = NULL WHERE ${where.proposal_events}`, params);
  const order = ['replay_records', 'evidence_items', 'evidence_bundles', 'query_audit', 'receipts', 'writeback_jobs', 'approvals', 'proposals'] as const;
  for (const table of order) s.run(`DELETE FROM ${table} WHERE ${where[table]}`, params);
  return counts;
}
