import { afterEach, describe, expect, it } from 'vitest';
import { auditExitCode, renderAudit, runAudit, AUDIT_FORMATS } from '@synapsor/mcp-audit';
import { findingKeys, RENDER } from './helpers.js';
import { startHttpFixture, startPlainHttp } from './fixtures/http-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});
async function fixture(options: { bearer?: string; json?: boolean } = {}) {
  const server = await startHttpFixture(options);
  cleanups.push(server.close);
  return server;
}
async function plain(reply: Parameters<typeof startPlainHttp>[0]) {
  const server = await startPlainHttp(reply);
  cleanups.push(server.close);
  return server;
}

describe('live Streamable HTTP servers', () => {
  it('audits an open server, flags HTTP_ENDPOINT_UNAUTHENTICATED and deletes the session', async () => {
    const server = await fixture();
    const withSecrets = server.url.replace('http://', 'http://user:pw-not-in-target@');
    const report = await runAudit({ url: `${withSecrets}?key=not-in-target#frag`, timeoutMs: 10_000 });
    expect(report.target).toBe(server.url);
    expect(report.errors).toEqual([]);
    expect(report.summary.tools_inspected).toBe(2);
    expect(findingKeys(report)).toContain('HTTP_ENDPOINT_UNAUTHENTICATED');
    expect(findingKeys(report)).toContain('GENERIC_SQL_TOOL execute_sql');
    expect(server.deleted).toHaveLength(1);
    expect(server.authorizations.every((header) => header === undefined)).toBe(true);
  });

  it('reads plain JSON answers as well as SSE', async () => {
    const server = await fixture({ json: true });
    const report = await runAudit({ url: server.url, timeoutMs: 10_000 });
    expect(report.errors).toEqual([]);
    expect(report.summary.tools_inspected).toBe(2);
  });

  it('sends the bearer when given and then does not flag the endpoint', async () => {
    const server = await fixture({ bearer: 'fixture-token-123' });
    const report = await runAudit({ url: server.url, bearer: 'fixture-token-123', timeoutMs: 10_000 });
    expect(report.errors).toEqual([]);
    expect(findingKeys(report)).not.toContain('HTTP_ENDPOINT_UNAUTHENTICATED');
    expect(findingKeys(report)).toContain('MODEL_CALLABLE_COMMIT_OR_APPROVAL approve_refund');
    expect(server.authorizations).toContain('Bearer fixture-token-123');
    for (const format of AUDIT_FORMATS) expect(renderAudit(report, format, RENDER)).not.toContain('fixture-token-123');
  });

  it('a server requiring a bearer answers 401 without one → exit 2', async () => {
    const server = await fixture({ bearer: 'fixture-token-123' });
    const report = await runAudit({ url: server.url, timeoutMs: 10_000 });
    expect(report.errors).toEqual([{ server: server.url, reason: 'HTTP 401: the server requires credentials' }]);
    expect(report.findings).toEqual([]);
    expect(auditExitCode(report)).toBe(2);
  });

  it.each([
    [{ status: 403, body: 'denied', contentType: 'text/plain' }, 'HTTP 403: the credentials were refused'],
    [{ status: 500, body: 'secret stack trace', contentType: 'text/plain' }, 'HTTP 500'],
    [{ status: 200, body: '<html>hi</html>', contentType: 'text/html' }, 'the server answered with neither JSON nor an event stream'],
    [{ status: 200, body: '{not json', contentType: 'application/json' }, 'the server answered with invalid JSON'],
  ])('maps a bad HTTP answer %j to an exit-2 error without its body', async (reply, reason) => {
    const server = await plain(reply);
    const report = await runAudit({ url: server.url, timeoutMs: 10_000 });
    expect(report.errors).toEqual([{ server: server.url, reason }]);
    expect(auditExitCode(report, 'high')).toBe(2);
  });

  it('times out a server that never answers', async () => {
    const server = await plain('hang');
    const report = await runAudit({ url: server.url, timeoutMs: 300 });
    expect(report.errors).toEqual([{ server: server.url, reason: 'timed out after 300 ms before tools/list completed' }]);
  });

  it('reports a refused connection', async () => {
    const server = await plain('hang');
    const url = server.url;
    await cleanups.pop()!();
    const report = await runAudit({ url, timeoutMs: 5000 });
    expect(report.errors).toEqual([{ server: url, reason: 'could not reach the server: ECONNREFUSED' }]);
  });
});
