import { formatDiff } from '../render/envelope.js';
import { expect, sourceRow, type DemoState } from './state.js';

const NEVER_SEEN = [
  'SQL text or a query tool',
  'an approve, apply or commit tool',
  'table, column, tenant or principal arguments',
  'database URLs or credentials',
];

export async function stepTools(state: DemoState): Promise<void> {
  state.out.step(1, 'tools — what the model sees');
  const tools = await state.client.listTools();
  for (const tool of tools) state.out.line(`${tool.name} (${String(tool._meta?.['synapsor.kind'] ?? '?')})`);
  state.out.line(`never exposed: ${NEVER_SEEN.join('; ')}`);
  expect(state, tools.length === 8, `expected 8 tools, got ${tools.length}`);
  expect(state, !tools.some((tool) => /approve|apply|commit|sql|query/i.test(tool.name)), 'a tool is named like SQL or approval');
}

export async function stepInspect(state: DemoState): Promise<void> {
  state.out.step(2, 'inspect — the MCP client calls billing.inspect_invoice {invoice_id: "INV-3001"}');
  const envelope = await state.client.call('billing.inspect_invoice', { invoice_id: 'INV-3001' });
  state.out.line(envelope.summary);
  if (envelope.data) state.out.line(`late_fee_cents: ${String(envelope.data.late_fee_cents)}, balance_cents: ${String(envelope.data.balance_cents)}`);
  state.summary.evidence_id = envelope.evidence?.bundle_id ?? null;
  state.out.line(`evidence: ${state.summary.evidence_id ?? '-'} (an audit handle)`);
  expect(state, envelope.ok && envelope.data?.late_fee_cents === 5500, 'inspect INV-3001 did not return late_fee_cents 5500');
}

export async function stepPropose(state: DemoState): Promise<void> {
  state.out.step(3, 'propose — billing.propose_late_fee_waiver {invoice_id: "INV-3001", reason: "first late payment"}');
  const envelope = await state.client.call('billing.propose_late_fee_waiver', { invoice_id: 'INV-3001', reason: 'first late payment' });
  state.out.line(envelope.summary);
  if (envelope.proposal) for (const line of formatDiff(envelope.proposal.diff)) state.out.line(line.trim());
  state.summary.proposal_id = envelope.proposal?.id ?? null;
  const diff = envelope.proposal?.diff.late_fee_cents;
  expect(state, envelope.ok && diff?.before === 5500 && diff.proposed === 0, 'the proposal diff is not late_fee_cents 5500 → 0');
}

export async function stepUnchanged(state: DemoState): Promise<void> {
  state.out.step(4, 'unchanged — the source row read directly');
  const row = await sourceRow(state, 'invoices', 'INV-3001');
  state.out.line(`invoices INV-3001 late_fee_cents = ${String(row?.late_fee_cents)}; source_database_changed: false`);
  expect(state, row?.late_fee_cents === 5500, 'the source row changed before approval');
}

export async function stepTenant(state: DemoState): Promise<void> {
  state.out.step(8, 'tenant — billing.inspect_invoice {invoice_id: "INV-9001"} (belongs to tenant globex)');
  const envelope = await state.client.call('billing.inspect_invoice', { invoice_id: 'INV-9001' });
  state.out.line(`${envelope.error?.code ?? 'ok'}: ${envelope.summary}`);
  state.summary.cross_tenant_refused = !envelope.ok && envelope.error?.code === 'NOT_FOUND_IN_TENANT';
  expect(state, state.summary.cross_tenant_refused, 'cross-tenant read was not refused with NOT_FOUND_IN_TENANT');
}
