import type { EnvelopeV2 } from '@synapsor/core';
import type { Colors } from '../support/output.js';

/** The v2 envelope the CLI renders (mcp.md "Result envelope v2"). */
export type Envelope = EnvelopeV2;

export function formatValue(value: unknown): string {
  return value === undefined ? '(not visible)' : JSON.stringify(value);
}

export function formatDiff(diff: Record<string, { before?: unknown; proposed: unknown }>): string[] {
  return Object.entries(diff).map(([column, change]) => `  ${column}: ${formatValue(change.before)} → ${formatValue(change.proposed)}`);
}

/** Next commands after a tool call: where to look and what a person does next. */
export function nextCommands(envelope: Envelope): string[] {
  const next: string[] = [];
  if (envelope.proposal) {
    next.push(`synapsor-runner proposals show ${envelope.proposal.id}`);
    next.push(`synapsor-runner proposals approve ${envelope.proposal.id}`);
    next.push(`synapsor-runner apply ${envelope.proposal.id}`);
  } else if (envelope.evidence) {
    next.push(`synapsor-runner replay show ${envelope.evidence.bundle_id}`);
  }
  return next;
}

export function renderEnvelope(envelope: Envelope, input: Record<string, unknown>, c: Colors): string[] {
  const lines = [`capability: ${envelope.action}`, `input: ${JSON.stringify(input)}`];
  lines.push(`${envelope.ok ? c.green('ok') : c.red('not ok')}: ${envelope.summary}`);
  if (envelope.error) lines.push(`error: ${envelope.error.code}`);
  if (envelope.data) {
    lines.push('data:');
    for (const [column, value] of Object.entries(envelope.data)) lines.push(`  ${column}: ${formatValue(value)}`);
  }
  if (envelope.proposal) {
    lines.push(`proposal: ${envelope.proposal.id}`, 'diff:', ...formatDiff(envelope.proposal.diff));
    lines.push(`required role: ${envelope.proposal.required_role ?? '(none)'}`);
  }
  if (envelope.evidence) lines.push(`evidence: ${envelope.evidence.bundle_id}`);
  lines.push(`source database changed: ${envelope.source_database_changed ? 'yes' : 'no'}`);
  const next = nextCommands(envelope);
  if (next.length > 0) lines.push('next:', ...next.map((command) => `  ${command}`));
  return lines;
}
