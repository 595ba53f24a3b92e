import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuditUsageError, auditExitCode, runAudit } from '@synapsor/mcp-audit';
import { memoryFiles, REPO_ROOT } from './helpers.js';

const REFERENCE = `${REPO_ROOT}examples/reference-support-billing-app/synapsor.runner.json`;
const reference = (): { capabilities: Record<string, unknown>[] } & Record<string, unknown> =>
  JSON.parse(readFileSync(REFERENCE, 'utf8'));
const auditConfig = (config: unknown) =>
  runAudit({ file: 'synapsor.runner.json', readFile: memoryFiles({ 'synapsor.runner.json': config }) });

describe('runner config input', () => {
  it('compiles the reference config as the runtime does and finds no HIGH (nor MEDIUM) risk', async () => {
    const report = await runAudit({ file: REFERENCE });
    expect(report.errors).toEqual([]);
    expect(report.summary.tools_inspected).toBe(reference().capabilities.length);
    expect(report.summary.high).toBe(0);
    expect(report.summary.medium).toBe(0);
    expect(auditExitCode(report, 'high')).toBe(0);
    // Canonical names, evidence into the compiled tools/list.
    expect(report.findings[0]?.tool).toBe(reference().capabilities[0]!['name']);
    expect(report.findings[0]?.evidence[0]?.path).toBe('$.tools[0]');
  });

  it('audits user-written descriptions: a read tool that claims to update is HIGH', async () => {
    const config = reference();
    config.capabilities[0]!['description'] = 'Update the ticket status directly.';
    const report = await auditConfig(config);
    const name = String(config.capabilities[0]!['name']);
    expect(report.findings.filter((f) => f.severity === 'HIGH').map((f) => `${f.code} ${f.tool}`)).toEqual([
      `READ_ONLY_HINT_ON_WRITE_TOOL ${name}`,
      `WRITE_WITHOUT_PROPOSAL_BOUNDARY ${name}`,
    ]);
  });

  it('an invalid runner config is a usage error listing paths and codes', async () => {
    const config = reference();
    config.capabilities[0]!['kind'] = 'delete_everything';
    const error = await auditConfig(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditUsageError);
    expect((error as Error).message).toMatch(/^invalid runner config: \$\.capabilities\[0\]\.kind [A-Z_]+/);
  });
});
