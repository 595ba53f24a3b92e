import { describe, expect, it } from 'vitest';
import { auditExitCode, auditToolDescriptors, AuditUsageError, renderAudit, runAudit, type AuditReport } from '@synapsor/mcp-audit';
import { cleanTool, memoryFiles, RENDER } from './helpers.js';

const usage = async (work: Promise<unknown>): Promise<string> => {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuditUsageError);
  return (error as Error).message;
};

describe('runAudit targets and usage errors', () => {
  it('needs exactly one target', async () => {
    expect(await usage(runAudit({}))).toMatch(/exactly one target.*none was given/);
    expect(await usage(runAudit({ example: 'dangerous-db-mcp', url: 'http://127.0.0.1:1/mcp' }))).toMatch(
      /got --example, --url/,
    );
  });

  it('rejects an unknown example and names the available ones', async () => {
    expect(await usage(runAudit({ example: 'nope' }))).toBe('unknown example "nope"; available: dangerous-db-mcp');
  });

  it('rejects unreadable and non-JSON files without quoting their content', async () => {
    expect(await usage(runAudit({ file: 'missing.json', readFile: memoryFiles({}) }))).toBe(
      'cannot read missing.json: ENOENT',
    );
    const message = await usage(
      runAudit({ file: 'x.json', readFile: memoryFiles({ 'x.json': '{"token": sk-secret-value}' }) }),
    );
    expect(message).toMatch(/^x\.json is not valid JSON/);
    expect(message).not.toContain('sk-secret');
  });

  it('rejects bad live-target values', async () => {
    expect(await usage(runAudit({ url: 'not a url' }))).toBe('--url is not a valid URL');
    expect(await usage(runAudit({ url: 'ftp://host/mcp' }))).toBe('--url must be an http:// or https:// URL');
    expect(await usage(runAudit({ stdio: '   ' }))).toBe('--stdio command is empty');
    expect(await usage(runAudit({ stdio: "node 'unterminated" }))).toBe("--stdio command has an unterminated ' quote");
    expect(await usage(runAudit({ stdio: 'node', timeoutMs: 0 }))).toBe('--timeout-ms must be a positive integer');
  });

  it('reads a manifest file from disk with the default reader', async () => {
    const report = await runAudit({ file: new URL('../../../examples/dangerous-mcp-tools.json', import.meta.url).pathname });
    expect(report.summary.tools_inspected).toBe(6);
    expect(report.target_kind).toBe('file');
  });
});

describe('auditExitCode', () => {
  const report = (findings: AuditReport['findings'], errors: AuditReport['errors'] = []): AuditReport => ({
    ...auditToolDescriptors([cleanTool()]),
    findings,
    errors,
  });
  const finding = (severity: 'HIGH' | 'MEDIUM' | 'LOW') => ({
    severity,
    code: 'X',
    message: 'm',
    evidence: [],
    recommendation: 'r',
  });

  it('is 0 without --fail-on, whatever the findings', () => {
    expect(auditExitCode(report([finding('HIGH')]))).toBe(0);
  });

  it('is 1 only for findings at or above the threshold', () => {
    expect(auditExitCode(report([finding('MEDIUM')]), 'high')).toBe(0);
    expect(auditExitCode(report([finding('MEDIUM')]), 'medium')).toBe(1);
    expect(auditExitCode(report([finding('LOW')]), 'medium')).toBe(0);
    expect(auditExitCode(report([finding('LOW')]), 'low')).toBe(1);
    expect(auditExitCode(report([finding('HIGH')]), 'low')).toBe(1);
  });

  it('is 2 when any target failed, winning over 1', () => {
    expect(auditExitCode(report([finding('HIGH')], [{ server: 's', reason: 'r' }]), 'high')).toBe(2);
    expect(auditExitCode(report([], [{ server: 's', reason: 'r' }]))).toBe(2);
  });

  it('rejects an unknown --fail-on and an unknown format', () => {
    expect(() => auditExitCode(report([]), 'critical' as never)).toThrow(AuditUsageError);
    expect(() => renderAudit(report([]), 'html' as never, RENDER)).toThrow('unknown format "html"; use text, json, markdown, sarif');
  });
});
