import { renderQueryAuditMarkdown, type QueryAuditRecord } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { LIST_FILTERS } from '../support/ledger-filters.js';
import { registerRecordGroup } from '../support/record-commands.js';

/** `query-audit list|show|export`: executed statements (templates only, never parameter values). */
export const registerQueryAudit: CommandGroup = (program, context) => {
  registerRecordGroup<QueryAuditRecord>(program, context, {
    name: 'query-audit',
    description: 'inspect query audit records (statement templates; parameter values are never stored)',
    noun: 'query audit record',
    jsonKey: 'query_audit',
    filters: LIST_FILTERS.queryAudit,
    list: (store, filter) => store.listQueryAudit(filter),
    get: (store, id) => store.getQueryAudit(id),
    notFoundCode: 'QUERY_AUDIT_NOT_FOUND',
    idOf: (record) => record.query_audit_id,
    headers: ['created_at', 'query_audit_id', 'capability', 'table', 'outcome', 'rows', 'ms'],
    row: (q) => [q.created_at, q.query_audit_id, q.capability, q.table_name, q.outcome, q.row_count, q.duration_ms],
    markdown: renderQueryAuditMarkdown,
    next: (q) => (q.evidence_bundle_id ? [`synapsor-runner evidence show ${q.evidence_bundle_id}`] : []),
  });
};
