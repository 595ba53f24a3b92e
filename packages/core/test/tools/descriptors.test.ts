import { describe, expect, it } from 'vitest';
import { ENVELOPE_V2_SCHEMA } from '../../src/envelope/index.js';
import { checkToolBoundary, compileTools } from '../../src/tools/index.js';
import type { ToolDescriptor } from '../../src/runtime/index.js';
import { referenceConfig, referenceJson, validated } from '../runtime/support/fixtures.js';

const WRITE_VERBS = /\b(update|insert|delete|upsert|write|mutate|refund|waive|charge|cancel|commit|approve|settle|apply|merge|resolve|close|create|drop|alter)\b/i;

describe('tool descriptors', () => {
  it('compiles one tool per capability in config order (canonical)', () => {
    const config = referenceConfig();
    const { descriptors } = compileTools(config, { aliasMode: 'canonical' });
    expect(descriptors.map((d) => d.name)).toEqual(config.capabilities.map((c) => c.name));
  });

  it('describes a read tool exactly', () => {
    const { descriptors } = compileTools(referenceConfig(), { aliasMode: 'canonical' });
    const invoice = descriptors.find((d) => d.name === 'billing.inspect_invoice')!;
    const raw = (referenceJson().capabilities as Array<Record<string, string>>).find((c) => c.name === 'billing.inspect_invoice')!;
    expect(invoice.description).toBe(
      `${raw.description} ${raw.returns_hint} The evidence id in the result is an audit handle; no action is needed.`,
    );
    expect(invoice.inputSchema).toEqual({
      type: 'object',
      properties: { invoice_id: { type: 'string', description: 'Invoice id such as INV-3001.', maxLength: 128 } },
      required: ['invoice_id'],
      additionalProperties: false,
    });
    expect(invoice.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(invoice._meta).toEqual({
      'synapsor.kind': 'read',
      'synapsor.source': 'app_postgres',
      'synapsor.target': 'public.invoices',
      'synapsor.canonical_tool_name': 'billing.inspect_invoice',
      'synapsor.exposed_tool_name': 'billing.inspect_invoice',
      'synapsor.tool_name_style': 'canonical',
      'synapsor.raw_sql_exposed': false,
      'synapsor.approval_tool': false,
    });
    expect(invoice.outputSchema).toBe(ENVELOPE_V2_SCHEMA);
  });

  it('describes a proposal tool with numeric/enum args, optional args and alias prefix', () => {
    const { descriptors } = compileTools(referenceConfig(), { aliasMode: 'openai' });
    const credit = descriptors.find((d) => d.name === 'support__propose_plan_credit')!;
    expect(credit.description.startsWith('Canonical Synapsor capability: support.propose_plan_credit. ')).toBe(true);
    expect(credit.description.endsWith(
      'This records a proposal only; the database stays unchanged until a person reviews it outside this tool. The evidence id is an audit handle.',
    )).toBe(true);
    expect(credit.inputSchema.properties).toMatchObject({
      credit_cents: { type: 'number', minimum: 0, maximum: 5000 },
      reason: { type: 'string', maxLength: 500 },
    });
    expect(credit.inputSchema.required).toEqual(['customer_id', 'credit_cents', 'reason']);
    expect(credit.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false });
    const status = descriptors.find((d) => d.name === 'orders__propose_status_change')!;
    expect((status.inputSchema.properties as Record<string, unknown>).status).toMatchObject({ enum: ['ready_to_ship', 'canceled'] });
  });

  it('uses default descriptions and default arg descriptions, 4096 cap, without write verbs', () => {
    const json = referenceJson();
    const caps = json.capabilities as Array<Record<string, unknown>>;
    for (const cap of caps) {
      delete cap.description;
      delete cap.returns_hint;
      for (const arg of Object.values(cap.args as Record<string, Record<string, unknown>>)) {
        delete arg.description;
        delete arg.max_length;
      }
    }
    const { descriptors } = compileTools(validated({ ...json, strict: true }), { aliasMode: 'canonical' });
    expect(descriptors[0]!.description).toBe(
      "Look up one support_tickets record by ticket_id within the caller's tenant. Read-only. The evidence id in the result is an audit handle; no action is needed.",
    );
    expect(descriptors[1]!.description).toBe(
      'Prepare a proposal for one support_tickets record for human review. This records a proposal only; the database stays unchanged until a person reviews it outside this tool. The evidence id is an audit handle.',
    );
    expect((descriptors[0]!.inputSchema.properties as Record<string, unknown>).ticket_id).toEqual({
      type: 'string',
      description: 'ticket_id business argument',
      maxLength: 4096,
    });
    for (const d of descriptors) expect(d.description).not.toMatch(WRITE_VERBS);
  });

  it('omits outputSchema for result_format 1', () => {
    const { descriptors } = compileTools(referenceConfig(), { aliasMode: 'canonical', resultFormat: 1 });
    expect(descriptors.every((d) => d.outputSchema === undefined)).toBe(true);
  });

  it('orders mode both canonical-first and resolves both names to the same capability', () => {
    const tools = compileTools(referenceConfig(), { aliasMode: 'both' });
    expect(tools.descriptors.slice(0, 4).map((d) => d.name)).toEqual([
      'support.inspect_ticket',
      'support__inspect_ticket',
      'support.propose_ticket_resolution',
      'support__propose_ticket_resolution',
    ]);
    expect(tools.resolve('billing__inspect_invoice')).toBe(tools.resolve('billing.inspect_invoice'));
    expect(tools.resolve('billing.inspect_invoice')?.name).toBe('billing.inspect_invoice');
    expect(tools.resolve('unknown')).toBeNull();
    expect(tools.descriptors[1]!._meta['synapsor.tool_name_style']).toBe('both');
  });

  it('lists only reads in read_only mode and resolves hidden proposal names separately', () => {
    const tools = compileTools(referenceConfig(), { aliasMode: 'canonical', mode: 'read_only' });
    expect(tools.descriptors.map((d) => d._meta['synapsor.kind'])).toEqual(['read', 'read', 'read', 'read']);
    expect(tools.resolve('billing.propose_late_fee_waiver')).toBeNull();
    expect(tools.resolveHidden('billing.propose_late_fee_waiver')?.kind).toBe('proposal');
  });
});

describe('tool boundary', () => {
  it.each(['canonical', 'openai', 'both'] as const)('passes every check for the reference config (%s)', (aliasMode) => {
    const { descriptors } = compileTools(referenceConfig(), { aliasMode });
    const checks = checkToolBoundary(descriptors);
    expect(checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    const serialized = JSON.stringify(descriptors);
    expect(descriptors.map((d) => d.name).join(' ')).not.toMatch(/sql|approve|commit|apply/i);
    expect(serialized).not.toMatch(/"(sql|query|statement)"/);
    expect(serialized).not.toMatch(/postgres:\/\/|mysql:\/\/|REFERENCE_POSTGRES|password|secret|bearer|private_key|token/i);
  });

  const base = (): ToolDescriptor => ({
    name: 'x.inspect',
    description: 'Look up one thing.',
    inputSchema: { type: 'object', properties: { thing_id: { type: 'string' } }, required: [], additionalProperties: false },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    _meta: {},
  });

  it.each([
    ['no_sql_tool_names', { name: 'db.execute_sql' }],
    ['no_sql_tool_names', { name: 'run_query' }],
    ['no_approval_tool_names', { name: 'billing.approve_refund' }],
    ['no_commit_tool_names', { name: 'orders.commit' }],
    ['no_commit_tool_names', { name: 'apply_writeback' }],
    ['no_reserved_input_properties', { inputSchema: { type: 'object', properties: { tenantId: { type: 'string' } } } }],
    ['no_database_urls', { description: 'Reads from mariadb://host/db.' }],
    ['no_secret_words', { description: 'Needs a Bearer value.' }],
    ['no_secret_words', { _meta: { api_token: 'x' } }],
  ])('fails %s', (id, patch) => {
    const checks = checkToolBoundary([{ ...base(), ...patch } as ToolDescriptor]);
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([id]);
  });
});
