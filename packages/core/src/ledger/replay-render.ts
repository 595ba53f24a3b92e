import type { ReplayDocument } from '../ports/ledger-store.js';
import type { ExternalRowItem } from '../records/index.js';
import { markdownBullets as bullets, markdownDocument, markdownTable as table } from './markdown.js';

/** JSON export = the replay object (stable, pretty). */
export function renderReplayJson(doc: ReplayDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function summary(doc: ReplayDocument): string[] {
  const p = doc.proposal;
  const first = doc.evidence[0];
  const mutated = doc.receipts.some((receipt) => receipt.source_database_mutated);
  return bullets([
    ['Subject', `${doc.subject.kind} ${doc.subject.id}`],
    ['Action', p?.action ?? first?.capability ?? null],
    ['Object', p ? `${p.object_type}:${p.object_id}` : first ? `${first.object_type}:${first.object_id}` : null],
    ['State', p?.state ?? 'read'],
    ['Tenant', p?.tenant_id ?? first?.tenant_id ?? null],
    ['Principal', p?.principal ?? first?.principal ?? null],
    ['Created', p?.created_at ?? first?.created_at ?? null],
    ['Updated', p?.updated_at ?? null],
    ['Expires', p?.expires_at ?? null],
    ['Source database changed', mutated],
  ]);
}

function rowItems(doc: ReplayDocument): ExternalRowItem[] {
  return doc.evidence.flatMap((bundle) =>
    bundle.items.filter((item): item is ExternalRowItem => item.kind === 'external_row'),
  );
}

function evidenceSection(doc: ReplayDocument): string[] {
  const rows = rowItems(doc);
  return doc.evidence.flatMap((bundle, index) => [
    ...bullets([
      ['Bundle', bundle.evidence_bundle_id],
      ['Query fingerprint', bundle.query_fingerprint],
    ]),
    '',
    ...table(
      ['column', 'value'],
      Object.entries(rows[index]?.visible_row ?? {}).map(([column, value]) => [column, value]),
    ),
    '',
  ]);
}

function diffSection(doc: ReplayDocument): string[] {
  const cs = doc.proposal?.change_set;
  if (!cs) return ['_No proposal (plain read)._'];
  return table(
    ['column', 'before', 'proposed'],
    Object.entries(cs.patch).map(([column, value]) => [column, cs.before[column] ?? null, value]),
  );
}

function approvalSection(doc: ReplayDocument): string[] {
  const required = doc.proposal?.change_set.approval.required_role ?? null;
  return table(
    ['decision', 'actor', 'roles', 'required role', 'reason', 'bound hash', 'at'],
    doc.approvals.map((a) => [a.decision, a.actor, a.roles.join(', '), a.required_roles.join(', ') || required, a.reason, a.proposal_hash, a.decided_at]),
  );
}

function receiptSection(doc: ReplayDocument): string[] {
  return table(
    ['attempt', 'executor', 'status', 'rows', 'previous version', 'new version', 'safe code', 'receipt hash'],
    doc.receipts.map((r) => [r.attempt, `${r.executor.name} (${r.executor.type})`, r.status, r.rows_affected, r.previous_version, r.new_version, r.safe_error_code, r.receipt_hash]),
  );
}

function auditSection(doc: ReplayDocument): string[] {
  return table(
    ['template', 'fingerprint', 'rows', 'outcome', 'duration ms'],
    doc.query_audit.map((qa) => [qa.statement_template, qa.query_fingerprint, qa.row_count, qa.outcome, qa.duration_ms]),
  );
}

function integritySection(doc: ReplayDocument): string[] {
  const i = doc.integrity;
  const mark = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'ok' : 'FAILED');
  return bullets([
    ['Proposal hash', mark(i.proposal_hash_ok)],
    ['Evidence and audit hashes', mark(i.evidence_hashes_ok)],
    ['Receipt hashes', mark(i.receipt_hashes_ok)],
    ['Event chain', mark(i.chain_ok)],
    ['Chain head', i.head_hash],
  ]);
}

/** Markdown export: the sections of ledger.md "Replay", in order. */
export function renderReplayMarkdown(doc: ReplayDocument): string {
  const first = doc.evidence[0];
  const sections: Array<[string, string[]]> = [
    ['Summary', summary(doc)],
    ['What the agent asked', bullets([['Tool', first?.capability ?? doc.proposal?.action ?? null], ['Arguments', first?.arguments ?? null]])],
    ['Trusted context', bullets([['Tenant', first?.tenant_id ?? null], ['Principal', first?.principal ?? null], ['Provenance', first?.provenance ?? null]])],
    ['Evidence', evidenceSection(doc)],
    ['Proposed diff', diffSection(doc)],
    ['Approval', approvalSection(doc)],
    ['Writeback and receipts', receiptSection(doc)],
    ['Query audit', auditSection(doc)],
    ['Integrity', integritySection(doc)],
  ];
  return markdownDocument(`Replay ${doc.replay_id}`, sections, 'a record of captured interactions, not time travel of the source database.');
}
