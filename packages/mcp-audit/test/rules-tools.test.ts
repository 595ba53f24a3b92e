import { describe, expect, it } from 'vitest';
import { auditToolDescriptors, type AuditReport } from '@synapsor/mcp-audit';
import { cleanTool, codesOf, withProperties } from './helpers.js';

const audit = (...tools: Record<string, unknown>[]): AuditReport => auditToolDescriptors(tools);
const fires = (code: string, ...tools: Record<string, unknown>[]): boolean => codesOf(audit(...tools)).includes(code);
const write = (overrides: Record<string, unknown> = {}) =>
  withProperties(['invoice_id'], {
    name: 'billing.update_invoice',
    description: 'Update one invoice.',
    annotations: { readOnlyHint: false },
    ...overrides,
  });

describe('tool rules', () => {
  it('a complete read tool has no finding (baseline for every negative case)', () => {
    const report = audit(cleanTool());
    expect(report.findings).toEqual([]);
    expect(report.summary.overall_risk).toBe('none');
  });

  it('GENERIC_SQL_TOOL: listed names and execute/run/raw + sql/query pairs; never across fields', () => {
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ name: 'runSql' }))).toBe(true);
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ name: 'raw_query_tool' }))).toBe(true);
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ name: 'sql-executor' }))).toBe(true);
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ description: 'Runs a raw SQL statement.' }))).toBe(true);
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ name: 'sql_report_summary' }))).toBe(false);
    expect(fires('GENERIC_SQL_TOOL', cleanTool({ name: 'billing.run', description: 'Query invoices.' }))).toBe(false);
  });

  it('GENERIC_SQL_TOOL evidence points at the field that matched', () => {
    const report = audit(cleanTool({ title: 'Execute query', description: 'x' }));
    const finding = report.findings.find((f) => f.code === 'GENERIC_SQL_TOOL');
    expect(finding?.evidence).toEqual([{ path: '$.tools[0].title', detail: 'title contains "execute query"' }]);
  });

  it('WRITE_TOOL_ACCEPTS_ARBITRARY_SQL: sql-like tool with a sql/query/statement/raw_sql property', () => {
    expect(fires('WRITE_TOOL_ACCEPTS_ARBITRARY_SQL', withProperties(['statement'], { name: 'execute_query' }))).toBe(true);
    expect(fires('WRITE_TOOL_ACCEPTS_ARBITRARY_SQL', withProperties(['rawSql'], { name: 'execute_query' }))).toBe(true);
    expect(fires('WRITE_TOOL_ACCEPTS_ARBITRARY_SQL', withProperties(['invoice_id'], { name: 'execute_query' }))).toBe(false);
    expect(fires('WRITE_TOOL_ACCEPTS_ARBITRARY_SQL', withProperties(['sql']))).toBe(false);
  });

  it('ARBITRARY_IDENTIFIER_INPUT: identifier properties, including one nested level', () => {
    expect(fires('ARBITRARY_IDENTIFIER_INPUT', withProperties(['tableName']))).toBe(true);
    const nested = cleanTool({
      inputSchema: { type: 'object', properties: { filter: { type: 'object', properties: { column: { type: 'string' } } } } },
    });
    const finding = audit(nested).findings.find((f) => f.code === 'ARBITRARY_IDENTIFIER_INPUT');
    expect(finding?.evidence[0]?.path).toBe('$.tools[0].inputSchema.properties.filter.properties.column');
    expect(fires('ARBITRARY_IDENTIFIER_INPUT', withProperties(['table_id', 'column_count']))).toBe(false);
  });

  it('MODEL_CONTROLLED_TRUST_SCOPE: tenant/principal/version/allow-list properties in any spelling', () => {
    expect(fires('MODEL_CONTROLLED_TRUST_SCOPE', withProperties(['tenant-ID']))).toBe(true);
    expect(fires('MODEL_CONTROLLED_TRUST_SCOPE', withProperties(['expectedVersion']))).toBe(true);
    expect(fires('MODEL_CONTROLLED_TRUST_SCOPE', withProperties(['tenant_name', 'principal_note']))).toBe(false);
  });

  it('MODEL_CALLABLE_COMMIT_OR_APPROVAL: name pairs verb and object; text verb without a boundary', () => {
    expect(fires('MODEL_CALLABLE_COMMIT_OR_APPROVAL', cleanTool({ name: 'change_commit' }))).toBe(true);
    expect(fires('MODEL_CALLABLE_COMMIT_OR_APPROVAL', cleanTool({ description: 'Apply the pending discount.' }))).toBe(true);
    expect(
      fires('MODEL_CALLABLE_COMMIT_OR_APPROVAL', cleanTool({ description: 'Approval required before we apply it.' })),
    ).toBe(false);
    expect(fires('MODEL_CALLABLE_COMMIT_OR_APPROVAL', cleanTool({ name: 'approve_discount' }))).toBe(false);
    expect(fires('MODEL_CALLABLE_COMMIT_OR_APPROVAL', cleanTool({ name: 'refund_review' }))).toBe(false);
  });

  it('WRITE_WITHOUT_PROPOSAL_BOUNDARY: write-like (verb or hints) without proposal wording', () => {
    expect(fires('WRITE_WITHOUT_PROPOSAL_BOUNDARY', write())).toBe(true);
    expect(
      fires('WRITE_WITHOUT_PROPOSAL_BOUNDARY', cleanTool({ annotations: { destructiveHint: true, readOnlyHint: false } })),
    ).toBe(true);
    expect(fires('WRITE_WITHOUT_PROPOSAL_BOUNDARY', write({ description: 'Creates a proposal for review.' }))).toBe(false);
    expect(fires('WRITE_WITHOUT_PROPOSAL_BOUNDARY', write({ description: 'Sent to a trusted worker.' }))).toBe(false);
  });

  it('READ_ONLY_HINT_ON_WRITE_TOOL: readOnlyHint true with a write verb or destructiveHint', () => {
    expect(fires('READ_ONLY_HINT_ON_WRITE_TOOL', cleanTool({ name: 'notes.delete_note' }))).toBe(true);
    expect(
      fires('READ_ONLY_HINT_ON_WRITE_TOOL', cleanTool({ annotations: { readOnlyHint: true, destructiveHint: true } })),
    ).toBe(true);
    expect(fires('READ_ONLY_HINT_ON_WRITE_TOOL', write({ annotations: { readOnlyHint: false } }))).toBe(false);
  });

  it('MODEL_SUPPLIED_CONFIRMATION: write-like tool with a confirmation property', () => {
    expect(fires('MODEL_SUPPLIED_CONFIRMATION', write({ inputSchema: { properties: { skip_approval: {} } } }))).toBe(true);
    expect(fires('MODEL_SUPPLIED_CONFIRMATION', withProperties(['confirm']))).toBe(false);
  });

  it('NO_IDEMPOTENCY_FIELD: unbounded write without an idempotency key', () => {
    expect(fires('NO_IDEMPOTENCY_FIELD', write())).toBe(true);
    expect(fires('NO_IDEMPOTENCY_FIELD', write({ inputSchema: { properties: { idempotency_key: {} } } }))).toBe(false);
    expect(fires('NO_IDEMPOTENCY_FIELD', write({ description: 'Propose an update.' }))).toBe(false);
  });

  it('NO_CONFLICT_GUARD: unbounded write without a version guard', () => {
    expect(fires('NO_CONFLICT_GUARD', write())).toBe(true);
    expect(fires('NO_CONFLICT_GUARD', write({ inputSchema: { properties: { etag: {} } } }))).toBe(false);
  });

  it('AMBIGUOUS_READ_WRITE_TOOL: read word and write behaviour without a boundary', () => {
    expect(fires('AMBIGUOUS_READ_WRITE_TOOL', write({ name: 'get_or_create_customer', description: 'x' }))).toBe(true);
    expect(fires('AMBIGUOUS_READ_WRITE_TOOL', write({ name: 'create_customer', description: 'x' }))).toBe(false);
  });

  it('NO_STRUCTURED_OUTPUT_SCHEMA: no output schema under any accepted key', () => {
    expect(fires('NO_STRUCTURED_OUTPUT_SCHEMA', cleanTool({ outputSchema: undefined }))).toBe(true);
    expect(fires('NO_STRUCTURED_OUTPUT_SCHEMA', cleanTool({ outputSchema: undefined, result_schema: {} }))).toBe(false);
  });

  it('NO_TOOLS_FOUND: once per target, without a tool', () => {
    const empty = auditToolDescriptors([]);
    expect(empty.findings).toEqual([expect.objectContaining({ code: 'NO_TOOLS_FOUND', severity: 'MEDIUM' })]);
    expect(empty.findings[0]).not.toHaveProperty('tool');
    expect(fires('NO_TOOLS_FOUND', cleanTool())).toBe(false);
  });

  it('MISSING_BUSINESS_DESCRIPTION: empty description, title and summary', () => {
    expect(fires('MISSING_BUSINESS_DESCRIPTION', cleanTool({ description: '  ' }))).toBe(true);
    expect(fires('MISSING_BUSINESS_DESCRIPTION', cleanTool({ description: undefined, summary: 'Invoice lookup.' }))).toBe(
      false,
    );
  });

  it('MISSING_RISK_ANNOTATIONS: missing or empty annotations', () => {
    expect(fires('MISSING_RISK_ANNOTATIONS', cleanTool({ annotations: {} }))).toBe(true);
    expect(fires('MISSING_RISK_ANNOTATIONS', cleanTool({ annotations: undefined }))).toBe(true);
    expect(fires('MISSING_RISK_ANNOTATIONS', cleanTool({ annotations: { openWorldHint: false } }))).toBe(false);
  });

  it('MISSING_TEST_FIXTURE: none of the fixture keys', () => {
    expect(fires('MISSING_TEST_FIXTURE', cleanTool({ examples: undefined }))).toBe(true);
    expect(fires('MISSING_TEST_FIXTURE', cleanTool({ examples: undefined, x_synapsor_test_fixture: {} }))).toBe(false);
  });

  it('de-duplicates on severity + code + server + tool and merges evidence', () => {
    const report = audit(withProperties(['tenant_id']), withProperties(['user_id']));
    const trust = report.findings.filter((f) => f.code === 'MODEL_CONTROLLED_TRUST_SCOPE');
    expect(trust).toHaveLength(1);
    expect(trust[0]?.evidence.map((e) => e.path)).toEqual([
      '$.tools[0].inputSchema.properties.tenant_id',
      '$.tools[1].inputSchema.properties.user_id',
    ]);
  });

  it('sorts HIGH → LOW, then server, tool order, code', () => {
    const report = auditToolDescriptors([
      cleanTool({ name: 'b_tool', annotations: {} }),
      withProperties(['table'], { name: 'a_tool' }),
    ]);
    expect(report.findings.map((f) => `${f.severity} ${f.tool} ${f.code}`)).toEqual([
      'HIGH a_tool ARBITRARY_IDENTIFIER_INPUT',
      'LOW b_tool MISSING_RISK_ANNOTATIONS',
    ]);
  });
});
