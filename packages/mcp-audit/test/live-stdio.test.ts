import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditExitCode, runAudit } from '@synapsor/mcp-audit';
import { FIXTURES, findingKeys, memoryFiles } from './helpers.js';

const NODE = process.execPath;
const SERVER = `${FIXTURES}stdio-server.mjs`;
const scratch = mkdtempSync(join(tmpdir(), 'mcp-audit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

describe('live stdio servers', () => {
  it('audits the tools a real SDK server lists across tools/list pages', async () => {
    const pidFile = join(scratch, 'server.pid');
    const env = { ...process.env, AUDIT_FIXTURE_PID_FILE: pidFile };
    const report = await runAudit({ stdio: `"${NODE}" '${SERVER}'`, timeoutMs: 15_000, env });
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(report.target).toBe(`stdio:${NODE.split('/').pop()}`);
    expect(report.errors).toEqual([]);
    expect(report.summary.tools_inspected).toBe(2);
    expect(findingKeys(report).filter((key) => !key.startsWith('MISSING') && !key.startsWith('NO_'))).toEqual([
      'GENERIC_SQL_TOOL execute_sql',
      'WRITE_TOOL_ACCEPTS_ARBITRARY_SQL execute_sql',
      'MODEL_CALLABLE_COMMIT_OR_APPROVAL approve_refund',
      'MODEL_CONTROLLED_TRUST_SCOPE approve_refund',
      'WRITE_WITHOUT_PROPOSAL_BOUNDARY approve_refund',
    ]);
    // Evidence points into the concatenated tools/list result.
    const trust = report.findings.find((f) => f.code === 'MODEL_CONTROLLED_TRUST_SCOPE');
    expect(trust?.evidence[0]?.path).toBe('$.tools[1].inputSchema.properties.tenant_id');
    expect(auditExitCode(report, 'high')).toBe(1);
  });

  it('times out a server that never answers, SIGKILLs it and leaves no process behind', async () => {
    const pidFile = join(scratch, 'hang.pid');
    const report = await runAudit({ stdio: `"${NODE}" "${FIXTURES}hang-server.mjs" "${pidFile}"`, timeoutMs: 500 });
    expect(report.errors).toEqual([
      { server: `stdio:${NODE.split('/').pop()}`, reason: 'timed out after 500 ms before tools/list completed' },
    ]);
    expect(auditExitCode(report)).toBe(2);
    expect(report.findings).toEqual([]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('reports a server that exits early', async () => {
    const report = await runAudit({ stdio: `"${NODE}" -e "process.exit(3)"`, timeoutMs: 15_000 });
    expect(report.errors[0]?.reason).toBe(`${NODE.split('/').pop()} exited before tools/list completed (code 3)`);
    expect(auditExitCode(report, 'high')).toBe(2);
  });

  it('reports a program that cannot be spawned, without its arguments', async () => {
    const report = await runAudit({ stdio: '/nonexistent/mcp-server --token=sk-not-printed-0123456789', timeoutMs: 5000 });
    expect(report.target).toBe('stdio:mcp-server');
    expect(report.errors).toEqual([{ server: 'stdio:mcp-server', reason: 'could not start mcp-server: ENOENT' }]);
    expect(JSON.stringify(report)).not.toContain('sk-not-printed');
  });

  it('reports a JSON-RPC error answer', async () => {
    const script = `process.stdin.on('data', (d) => { for (const l of String(d).split('\\n').filter(Boolean)) { const m = JSON.parse(l); if (m.id !== undefined) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: -32603, message: 'boom' } }) + '\\n'); } });`;
    const report = await runAudit({ stdio: `"${NODE}" -e "${script.replace(/"/g, '\\"')}"`, timeoutMs: 15_000 });
    expect(report.errors).toEqual([{ server: `stdio:${NODE.split('/').pop()}`, reason: 'initialize returned JSON-RPC error -32603' }]);
  });

  it('answers server pings, skips non-JSON stdout lines and accepts the server protocol version', async () => {
    const env = { ...process.env, AUDIT_FIXTURE_TOOLS: JSON.stringify([{ name: 'raw_sql', inputSchema: {} }]) };
    const report = await runAudit({ stdio: `"${NODE}" "${FIXTURES}scripted-server.mjs"`, env, timeoutMs: 15_000 });
    expect(report.errors).toEqual([]);
    expect(findingKeys(report)[0]).toBe('GENERIC_SQL_TOOL raw_sql');
  });

  it('a malformed tool in a live tools/list is a target error (exit 2), not a crash', async () => {
    const env = { ...process.env, AUDIT_FIXTURE_TOOLS: JSON.stringify([{ name: 7 }]) };
    const report = await runAudit({ stdio: `"${NODE}" "${FIXTURES}scripted-server.mjs"`, env, timeoutMs: 15_000 });
    expect(report.errors).toEqual([
      { server: `stdio:${NODE.split('/').pop()}`, reason: 'tools/list returned a malformed tool at $.tools[0].name: expected a string' },
    ]);
    expect(auditExitCode(report)).toBe(2);
  });

  it('spawns client-config stdio entries with their env over the parent env', async () => {
    const config = {
      mcpServers: {
        dangerous: { command: NODE, args: [SERVER] },
        reviewed: { command: NODE, args: [SERVER], env: { AUDIT_FIXTURE_MODE: 'safe' } },
        remote: { url: 'https://mcp.example/mcp', headers: { Authorization: 'Bearer ${MCP_TOKEN}' } },
      },
    };
    const report = await runAudit({
      mcpConfig: 'client.json',
      readFile: memoryFiles({ 'client.json': config }),
      env: { ...process.env, AUDIT_FIXTURE_MODE: 'dangerous' },
      timeoutMs: 15_000,
    });
    expect(report.errors).toEqual([]);
    expect(report.summary.servers_inspected).toBe(3);
    expect(report.summary.tools_inspected).toBe(3);
    expect(new Set(report.findings.map((f) => f.server))).toEqual(new Set(['dangerous']));
  });
});
