import { describe, expect, it } from 'vitest';
import { AuditUsageError, runAudit, type AuditReport } from '@synapsor/mcp-audit';
import { cleanTool, memoryFiles } from './helpers.js';

const auditJson = (json: unknown): Promise<AuditReport> =>
  runAudit({ file: 'manifest.json', readFile: memoryFiles({ 'manifest.json': json }) });

const toolPaths = (report: AuditReport): string[] =>
  report.findings.filter((f) => f.code === 'MISSING_TEST_FIXTURE').map((f) => `${f.server ?? '-'} ${f.tool} ${f.evidence[0]?.path}`);

const bare = (name: string) => cleanTool({ name, examples: undefined });

describe('manifest shapes', () => {
  it.each([
    ['{tools}', { tools: [bare('a')] }, '- a $.tools[0]'],
    ['{result: {tools}}', { jsonrpc: '2.0', id: 1, result: { tools: [bare('a')] } }, '- a $.result.tools[0]'],
    ['{data: {tools}}', { data: { tools: [bare('a')] } }, '- a $.data.tools[0]'],
    ['bare array', [bare('a')], '- a $[0]'],
  ])('reads the %s root', async (_shape, json, expected) => {
    expect(toolPaths(await auditJson(json))).toEqual([expected]);
  });

  it('scans nested shapes and carries map keys as server', async () => {
    const report = await auditJson({
      adapter: { manifest: { tools: [bare('root_tool')] } },
      mcpServers: {
        billing: { tools: [bare('inspect')] },
        'crm-db': { server: { manifest: { tools: [bare('lookup')] } } },
      },
      servers: { ops: { data: { tools: [bare('status')] } } },
    });
    expect(toolPaths(report)).toEqual([
      '- root_tool $.adapter.manifest.tools[0]',
      'billing inspect $.mcpServers.billing.tools[0]',
      'crm-db lookup $.mcpServers["crm-db"].server.manifest.tools[0]',
      'ops status $.servers.ops.data.tools[0]',
    ]);
    expect(report.summary.servers_inspected).toBe(4);
  });

  it('stops the nested scan at depth 8', async () => {
    const nest = (depth: number): unknown => (depth === 0 ? { tools: [bare('deep')] } : { data: nest(depth - 1) });
    expect(toolPaths(await auditJson(nest(8)))).toHaveLength(1);
    const tooDeep = await auditJson(nest(9));
    expect(tooDeep.findings.map((f) => f.code)).toEqual(['NO_TOOLS_FOUND']);
  });

  it('takes the name from name, tool_name or toolName and skips nameless entries with a warning', async () => {
    const report = await auditJson({
      tools: [{ tool_name: 'snake' }, { toolName: 'camel' }, { name: '', toolName: 'fallback' }, { description: 'nameless' }],
    });
    expect(report.summary.tools_inspected).toBe(3);
    expect([...new Set(report.findings.map((f) => f.tool))]).toEqual(['snake', 'camel', 'fallback']);
    expect(report.warnings).toEqual(['skipped the tool at $.tools[3]: it has no name, tool_name or toolName']);
  });

  it('reads input schemas under every alias and the first object wins', async () => {
    for (const key of ['input_schema', 'parameters', 'schema', 'args_schema']) {
      const report = await auditJson({ tools: [{ name: 't', [key]: { properties: { table: {} } } }] });
      const finding = report.findings.find((f) => f.code === 'ARBITRARY_IDENTIFIER_INPUT');
      expect(finding?.evidence[0]?.path).toBe(`$.tools[0].${key}.properties.table`);
    }
    const first = await auditJson({ tools: [{ name: 't', inputSchema: 'n/a', parameters: { properties: { schema: {} } } }] });
    expect(first.findings.find((f) => f.code === 'ARBITRARY_IDENTIFIER_INPUT')?.evidence[0]?.path).toBe(
      '$.tools[0].parameters.properties.schema',
    );
  });

  it('counts zero tools as NO_TOOLS_FOUND, not as an error', async () => {
    const report = await auditJson({ name: 'not a manifest' });
    expect(report.findings.map((f) => f.code)).toEqual(['NO_TOOLS_FOUND']);
    expect(report.errors).toEqual([]);
  });

  it.each([
    ['"just a string"', 'malformed manifest at $: expected a JSON object or array'],
    [{ tools: { execute_sql: {} } }, 'malformed manifest at $.tools: expected an array of tools'],
    [{ result: { tools: [cleanTool(), 42] } }, 'malformed manifest at $.result.tools[1]: expected a tool object'],
    [{ tools: [{ name: 7 }] }, 'malformed manifest at $.tools[0].name: expected a string'],
    [{ tools: [{ name: 'x', description: ['a'] }] }, 'malformed manifest at $.tools[0].description: expected a string'],
    [
      { tools: [{ name: 'x', inputSchema: { properties: ['sql'] } }] },
      'malformed manifest at $.tools[0].inputSchema.properties: expected an object of properties',
    ],
    [{ tools: [{ name: 'x', annotations: 'read only' }] }, 'malformed manifest at $.tools[0].annotations: expected an object'],
  ])('rejects malformed input %j with the JSON path', async (json, message) => {
    const input = typeof json === 'string' ? json : JSON.stringify(json);
    const error = await auditJson(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditUsageError);
    expect((error as AuditUsageError).message).toBe(message);
    expect((error as AuditUsageError).exitCode).toBe(2);
  });
});
