import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR, runCli, tempDir } from './helpers/cli.js';

const reference = () => JSON.parse(readFileSync(join(REFERENCE_DIR, 'synapsor.runner.json'), 'utf8')) as { capabilities: Array<Record<string, unknown>> };
const dir = tempDir();
afterAll(() => dir.remove());

function writeConfig(name: string, mutate: (config: ReturnType<typeof reference>) => void): string {
  const config = reference();
  mutate(config);
  const path = join(dir.path, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('tools preview / smoke boundary', () => {
  it('the reference config passes every boundary check (exit 0)', async () => {
    const run = await runCli(['tools', 'preview', '--config', join(REFERENCE_DIR, 'synapsor.runner.json'), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.tools).toHaveLength(8);
    expect(report.checks.map((check: { id: string }) => check.id)).toContain('no_high_audit_findings');
    expect(report.checks.every((check: { status: string }) => check.status === 'pass')).toBe(true);
  });

  it('--aliases lists alias → canonical pairs', async () => {
    const run = await runCli(['tools', 'list', '--config', join(REFERENCE_DIR, 'synapsor.runner.json'), '--aliases']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('billing__inspect_invoice → billing.inspect_invoice');
  });

  it('a read tool described with write verbs FAILs on a HIGH audit finding (exit 1)', async () => {
    const path = writeConfig('writes.json', (config) => {
      config.capabilities[4]!.description = 'Update the invoice, delete old rows and insert the new balance.';
    });
    const run = await runCli(['tools', 'preview', '--config', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL no_high_audit_findings: HIGH audit findings: .*billing\.inspect_invoice/);
  });

  it('smoke boundary FAILs when a description carries a secret-like word', async () => {
    const path = writeConfig('secret.json', (config) => {
      config.capabilities[4]!.description = 'Look up one invoice; the password is never shown.';
    });
    const run = await runCli(['smoke', 'boundary', '--config', path, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.checks.find((check: { id: string }) => check.id === 'no_secret_words').status).toBe('fail');
  });

  it('mcp smoke is the same check', async () => {
    const run = await runCli(['mcp', 'smoke', '--config', join(REFERENCE_DIR, 'synapsor.runner.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PASS no_sql_tool_names');
  });
});
