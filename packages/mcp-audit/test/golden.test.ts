import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { AUDIT_FORMATS, renderAudit, runAudit, type AuditFormat, type AuditReport } from '@synapsor/mcp-audit';
import { FIXTURES, memoryFiles, RENDER, REPO_ROOT } from './helpers.js';

const GOLDEN_EXT: Record<AuditFormat, string> = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif' };
const golden = (format: AuditFormat): string =>
  readFileSync(new URL(`./golden/dangerous-db-mcp.${GOLDEN_EXT[format]}`, import.meta.url), 'utf8');

// SARIF 2.1.0 schema (rtm.5, draft-04) as shipped in @microsoft/jest-sarif 1.0.0-beta.0; see README.
const sarifSchema = JSON.parse(readFileSync(`${FIXTURES}sarif-schema-2.1.0.json`, 'utf8')) as object;
// unicodeRegExp off: the official schema's `language` pattern has a stray `]` that the u flag rejects.
// Both are CJS modules that also export themselves as `.default` (the NodeNext-typed form).
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

function expectValidSarif(output: string): void {
  const ok = validateSarif(JSON.parse(output));
  expect(validateSarif.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(ok).toBe(true);
}

describe('built-in example dangerous-db-mcp', () => {
  it.each(AUDIT_FORMATS)('renders %s exactly as the reviewed golden file', async (format) => {
    const report = await runAudit({ example: 'dangerous-db-mcp' });
    expect(renderAudit(report, format, RENDER)).toBe(golden(format));
  });

  it('examples/dangerous-mcp-tools.json gives identical findings and summary', async () => {
    const builtIn = await runAudit({ example: 'dangerous-db-mcp' });
    const shipped = await runAudit({ file: `${REPO_ROOT}examples/dangerous-mcp-tools.json` });
    expect(shipped.findings).toEqual(builtIn.findings);
    expect(shipped.summary).toEqual(builtIn.summary);
    expect(shipped.target).toBe(`${REPO_ROOT}examples/dangerous-mcp-tools.json`);
  });

  it('the golden SARIF validates against the SARIF 2.1.0 JSON schema', () => {
    expectValidSarif(golden('sarif'));
  });

  it('the schema validator rejects a broken log (so the check above can fail)', () => {
    const broken = JSON.parse(golden('sarif')) as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(broken)).toBe(false);
  });

  it('colour is only added when asked for', async () => {
    const report = await runAudit({ example: 'dangerous-db-mcp' });
    expect(renderAudit(report, 'text', RENDER)).not.toContain('\u001b[');
    expect(renderAudit(report, 'text', { ...RENDER, color: true })).toContain('\u001b[31mHIGH\u001b[0m');
  });
});

describe('SARIF for file and client-config targets', () => {
  const sarifOf = (report: AuditReport) =>
    JSON.parse(renderAudit(report, 'sarif', RENDER)) as {
      runs: { results: { locations?: unknown[] }[]; invocations: { executionSuccessful: boolean }[] }[];
    };

  it('points file findings at the path as given, with forward slashes, and stays schema-valid', async () => {
    const path = 'configs\\team one\\tools.json';
    const report = await runAudit({
      file: path,
      readFile: memoryFiles({ [path]: { mcpServers: { crm: { tools: [{ name: 'run_sql', inputSchema: {} }] } } } }),
    });
    const sarif = sarifOf(report);
    expect(sarif.runs[0]!.results[0]!.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'configs/team%20one/tools.json' } },
        logicalLocations: [{ name: 'run_sql', fullyQualifiedName: 'crm/run_sql', kind: 'function' }],
      },
    ]);
    expectValidSarif(renderAudit(report, 'sarif', RENDER));
  });

  it('marks the invocation unsuccessful when a server could not be listed', async () => {
    const report = await runAudit({
      mcpConfig: 'client.json',
      readFile: memoryFiles({ 'client.json': { mcpServers: { gone: { command: '/nonexistent/server' } } } }),
    });
    const sarif = sarifOf(report);
    expect(sarif.runs[0]!.invocations).toEqual([{ executionSuccessful: false }]);
    expectValidSarif(renderAudit(report, 'sarif', RENDER));
  });

  it('a clean target says no listed pattern matched, then the disclaimer, in text and markdown', async () => {
    const report = await runAudit({
      file: 'clean.json',
      readFile: memoryFiles({
        'clean.json': {
          tools: [
            {
              name: 'billing.inspect_invoice',
              description: 'Look up one invoice.',
              outputSchema: {},
              annotations: { readOnlyHint: true },
              examples: [],
            },
          ],
        },
      }),
    });
    const text = renderAudit(report, 'text', RENDER);
    expect(text).toMatch(/No listed risk pattern matched\.\nThis is a static risk review, not proof that an MCP server is secure\./);
    expect(text).not.toContain('Suggested safer shape');
    expect(renderAudit(report, 'markdown', RENDER)).toContain('No listed risk pattern matched.');
    expect(JSON.parse(renderAudit(report, 'json', RENDER)).summary.overall_risk).toBe('none');
    expectValidSarif(renderAudit(report, 'sarif', RENDER));
  });
});
