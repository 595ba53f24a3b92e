import type { ApprovalRecord, ExecutionReceipt, ProposalRecord } from '@synapsor/core';
import type { Operator } from '../support/operator.js';
import { formatValue } from './envelope.js';

function diffLines(proposal: ProposalRecord): string[] {
  const { before, patch } = proposal.change_set;
  return Object.entries(patch).map(([column, value]) => `  ${column}: ${formatValue(before[column])} → ${formatValue(value)}`);
}

function guardLines(proposal: ProposalRecord): string[] {
  const { guards } = proposal.change_set;
  const version = guards.expected_version;
  return [
    `  tenant: ${guards.tenant ? `${guards.tenant.column} = ${formatValue(guards.tenant.value)}` : '(single-tenant dev)'}`,
    `  allowed columns: ${guards.allowed_columns.join(', ')}`,
    `  expected version: ${version.column === '__row_hash' ? 'row hash' : `${version.column} = ${formatValue(version.value)}`}`,
  ];
}

function target(proposal: ProposalRecord): string {
  return `${proposal.source_schema}.${proposal.source_table} ${proposal.object_id} (source ${proposal.source_id})`;
}

export function nextForState(proposal: ProposalRecord): string[] {
  const id = proposal.proposal_id;
  switch (proposal.state) {
    case 'pending_review':
      return [`synapsor-runner proposals approve ${id}`, `synapsor-runner proposals reject ${id} --reason "…"`];
    case 'approved':
      return [`synapsor-runner apply ${id} --dry-run`, `synapsor-runner apply ${id}`];
    case 'failed':
      return [`synapsor-runner apply ${id} --retry`, `synapsor-runner replay show ${id}`];
    default:
      return [`synapsor-runner replay show ${id}`];
  }
}

/** What a reviewer must see before deciding (cli.md `proposals approve`). */
export function reviewerBlock(proposal: ProposalRecord, operator: Operator, requiredRoles: string[]): string[] {
  return [
    `proposal ${proposal.proposal_id} (${proposal.action})`,
    `principal: ${proposal.principal} (${proposal.provenance})`,
    `tenant: ${proposal.tenant_id}`,
    `target: ${target(proposal)}`,
    'diff:',
    ...diffLines(proposal),
    'guards:',
    ...guardLines(proposal),
    `evidence: ${proposal.evidence_bundle_id}`,
    `required role: ${requiredRoles.length > 0 ? requiredRoles.join(', ') : '(none)'}`,
    `operator: ${operator.actor} (${operator.actor_source}) roles: ${operator.roles.length > 0 ? operator.roles.join(', ') : '(none)'}`,
    `hash: ${proposal.proposal_hash} version ${proposal.proposal_version}`,
    `expires: ${proposal.expires_at ?? 'never'}`,
  ];
}

export function receiptLine(receipt: ExecutionReceipt): string {
  return `  attempt ${receipt.attempt} ${receipt.status}${receipt.safe_error_code ? ` ${receipt.safe_error_code}` : ''} rows ${receipt.rows_affected} (${receipt.receipt_id})`;
}

/** `proposals show`: state, action, object, diff, guards, evidence, expiry, next; `--details` adds internals. */
export function proposalDetails(
  proposal: ProposalRecord,
  extra: { details: boolean; approvals: ApprovalRecord[]; receipts: ExecutionReceipt[] },
): string[] {
  const changed = extra.receipts.some((receipt) => receipt.source_database_mutated);
  const lines = [
    `proposal ${proposal.proposal_id}`,
    `state: ${proposal.state}`,
    `action: ${proposal.action}`,
    `object: ${target(proposal)}`,
    `tenant: ${proposal.tenant_id}  principal: ${proposal.principal}`,
    'diff:',
    ...diffLines(proposal),
    'guards:',
    ...guardLines(proposal),
    `evidence: ${proposal.evidence_bundle_id}`,
    `required role: ${proposal.required_role ?? '(none)'}`,
    `source database changed: ${changed ? 'yes' : 'no'}`,
    `expires: ${proposal.expires_at ?? 'never'}`,
    `created: ${proposal.created_at}`,
  ];
  for (const approval of extra.approvals) {
    lines.push(`decision: ${approval.decision} by ${approval.actor} at ${approval.decided_at}${approval.reason ? ` (${approval.reason})` : ''}`);
  }
  if (extra.details) {
    lines.push(`hash: ${proposal.proposal_hash}`, `version: ${proposal.proposal_version}`);
    lines.push(`query fingerprint: ${proposal.change_set.evidence.query_fingerprint}`, `executor: ${proposal.executor}`);
    if (extra.receipts.length > 0) lines.push('receipts:', ...extra.receipts.map(receiptLine));
  }
  lines.push('next:', ...nextForState(proposal).map((command) => `  ${command}`));
  return lines;
}

export function proposalRow(proposal: ProposalRecord): string {
  return `${proposal.created_at}  ${proposal.proposal_id}  ${proposal.state.padEnd(14)}  ${proposal.action}  ${proposal.object_id}  ${proposal.tenant_id}`;
}
