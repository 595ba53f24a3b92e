import type { EvidenceBundle, ExternalRowItem, ProposalDiffItem, QueryAuditRecord } from '../records/index.js';
import { markdownBullets as bullets, markdownCode, markdownDocument, markdownTable as table } from './markdown.js';

// Markdown exports of single ledger records, in the style of the replay export. They render
// stored fields only: the ledger refused secret material on write, and query audit records
// hold no parameter values to render.

function visibleRows(items: ExternalRowItem[]): string[] {
  if (items.length === 0) return ['_No row returned._'];
  return items.flatMap((item) => [
    ...bullets([
      ['Table', `${item.schema}.${item.table}`],
      ['Primary key', `${item.primary_key.column} = ${String(item.primary_key.value)}`],
      ['Tenant', item.tenant === null ? null : `${item.tenant.column} = ${String(item.tenant.value)}`],
      ['Version', item.version === null ? null : `${item.version.column} = ${String(item.version.value)}`],
      ['Row hash', item.row_hash],
    ]),
    '',
    ...table(['column', 'value'], Object.entries(item.visible_row)),
    '',
  ]);
}

function diffRows(items: ProposalDiffItem[]): string[] {
  if (items.length === 0) return ['_No proposal (plain read)._'];
  return items.flatMap((item) => [
    ...table(['column', 'before', 'proposed'], Object.entries(item.patch).map(([column, value]) => [column, item.before[column] ?? null, value])),
    '',
  ]);
}

/** `evidence export --format markdown`: what one read returned, with its fingerprint and hash. */
export function renderEvidenceMarkdown(bundle: EvidenceBundle): string {
  const rows = bundle.items.filter((item): item is ExternalRowItem => item.kind === 'external_row');
  const diffs = bundle.items.filter((item): item is ProposalDiffItem => item.kind === 'proposal_diff');
  const sections: Array<[string, string[]]> = [
    [
      'Summary',
      bullets([
        ['Capability', `${bundle.capability} (${bundle.kind})`],
        ['Object', `${bundle.object_type}:${bundle.object_id}`],
        ['Source', `${bundle.source_id} ${bundle.target}`],
        ['Proposal', bundle.proposal_id],
        ['Created', bundle.created_at],
        ['Source database changed', bundle.source_database_changed],
      ]),
    ],
    ['What the agent asked', bullets([['Tool', bundle.capability], ['Arguments', bundle.arguments]])],
    ['Trusted context', bullets([['Tenant', bundle.tenant_id], ['Principal', bundle.principal], ['Provenance', bundle.provenance]])],
    ['Visible row', visibleRows(rows)],
    ['Proposed diff', diffRows(diffs)],
    ['Fingerprint', bullets([['Query fingerprint', bundle.query_fingerprint], ['Query audit', bundle.query_audit_id]])],
    ['Hash', bullets([['Content hash', bundle.content_hash]])],
  ];
  return markdownDocument(`Evidence ${bundle.evidence_bundle_id}`, sections, 'what the read returned at the time, not a live view of the source database.');
}

/** `query-audit export --format markdown`: one executed statement, template only. */
export function renderQueryAuditMarkdown(record: QueryAuditRecord): string {
  const sections: Array<[string, string[]]> = [
    [
      'Summary',
      bullets([
        ['Capability', `${record.capability} (${record.kind})`],
        ['Object', `${record.business_object}:${record.object_id}`],
        ['Source', `${record.source_id} (${record.engine})`],
        ['Table', record.table_name],
        ['Outcome', record.outcome],
        ['Error code', record.error_code],
        ['Evidence', record.evidence_bundle_id],
        ['Proposal', record.proposal_id],
        ['Created', record.created_at],
      ]),
    ],
    ['Trusted context', bullets([['Tenant', record.tenant_id], ['Principal', record.principal], ['Tenant predicate bound', record.tenant_bound]])],
    ['Statement template', [...markdownCode(record.statement_template, 'sql'), '', '- Parameter values: never stored']],
    ['Fingerprint', bullets([['Query fingerprint', record.query_fingerprint]])],
    ['Rows', bullets([['Row count', record.row_count], ['Columns', record.columns.join(', ')]])],
    ['Duration', bullets([['Milliseconds', record.duration_ms]])],
    ['Hash', bullets([['Content hash', record.content_hash]])],
  ];
  return markdownDocument(`Query audit ${record.query_audit_id}`, sections, 'statement templates only; parameter values are never stored in the query audit.');
}
