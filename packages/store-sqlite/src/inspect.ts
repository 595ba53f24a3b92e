import {
  ChainVerifier,
  evidenceBreak,
  proposalBreak,
  queryAuditBreak,
  receiptBreak,
  verifyResult,
  type ExecutionReceipt,
  type ProposalState,
  type RecordBreak,
  type StoreStats,
  type VerifyResult,
} from '@synapsor/core';
import { storeBytes } from './files.js';
import { isLeaseLive, readLease } from './lease.js';
import { auditFromRow, eventFromRow, proposalFromRow, type Row } from './rows.js';
import { SCHEMA_VERSION } from './schema/migrations.js';
import type { SqliteReads } from './sqlite-reads.js';
import type { Statements } from './statements.js';

const COUNTED = [
  'proposals', 'proposal_events', 'approvals', 'evidence_bundles', 'evidence_items', 'query_audit',
  'writeback_jobs', 'receipts', 'replay_records', 'runner_state',
];

export function stats(s: Statements, reads: SqliteReads, path: string): StoreStats {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) counts[table] = s.value<number>(`SELECT COUNT(*) FROM ${table}`) ?? 0;
  const byState: Partial<Record<ProposalState, number>> = {};
  for (const row of s.all<{ state: ProposalState; n: number }>('SELECT state, COUNT(*) AS n FROM proposals GROUP BY state')) {
    byState[row.state] = row.n;
  }
  const lease = readLease(path);
  return {
    schema_version: SCHEMA_VERSION,
    path,
    bytes: storeBytes(path),
    page_count: s.value<number>('PRAGMA page_count') ?? 0,
    page_size: s.value<number>('PRAGMA page_size') ?? 0,
    counts,
    proposals_by_state: byState,
    chain_head: reads.head(),
    lease: lease && { pid: lease.pid, hostname: lease.hostname, transport: lease.transport, started_at: lease.started_at, live: isLeaseLive(lease) },
  };
}

/** Streams every table once (iterators), so verify runs in constant memory at any ledger size. */
export function verify(s: Statements, reads: SqliteReads): VerifyResult {
  const chain = new ChainVerifier();
  for (const row of s.get('SELECT * FROM proposal_events ORDER BY seq').pluck(false).iterate()) {
    chain.push(eventFromRow(row as Row));
  }
  const breaks: RecordBreak[] = [];
  const collect = (b: RecordBreak | null) => b && breaks.push(b);
  for (const row of s.get('SELECT * FROM proposals').pluck(false).iterate()) collect(proposalBreak(proposalFromRow(row as Row)));
  for (const row of s.get('SELECT * FROM evidence_bundles').pluck(false).iterate()) collect(evidenceBreak(reads.evidenceRow(row as Row)));
  for (const row of s.get('SELECT * FROM query_audit').pluck(false).iterate()) collect(queryAuditBreak(auditFromRow(row as Row)));
  for (const json of s.get('SELECT receipt_json FROM receipts').pluck(true).iterate()) collect(receiptBreak(JSON.parse(json as string) as ExecutionReceipt));
  return verifyResult(chain.report(), breaks);
}
