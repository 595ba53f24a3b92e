import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LEAKY_TOOL, READ_TOOL, SLOW_TOOL } from '../../core/test/mcp/support/stub-runtime.js';
import { auth, closeAll, DATABASE_URL, jsonHeaders, raw, startBridge, startStreamable, TOKEN, type RawResponse } from './support/harness.js';

afterEach(closeAll);

const SECRETS = [TOKEN, DATABASE_URL, 'hunter2', 'postgres://'];

function expectClean(label: string, text: string): void {
  for (const secret of SECRETS) expect([label, text.includes(secret)]).toEqual([label, false]);
}

const seen = (res: RawResponse) => `${JSON.stringify(res.headers)}\n${res.text}`;

describe('secret scan', () => {
  it('no response body, header or log line of either transport carries the token or a database URL', async () => {
    const captured: string[] = [];
    const stream = await startStreamable({ requestTimeoutMs: 200, configPath: 'cfg.json' }, { missingEnv: ['TENANT_ENV'] });

    // A full SDK session, recording every response the client sees.
    const recordingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      captured.push(`${JSON.stringify([...res.headers])}\n${await res.clone().text()}`);
      return res;
    };
    const transport = new StreamableHTTPClientTransport(new URL(stream.url), {
      requestInit: { headers: auth },
      fetch: recordingFetch,
    });
    const client = new Client({ name: 'scan', version: '1' });
    await client.connect(transport);
    await client.listTools();
    await client.callTool({ name: READ_TOOL, arguments: { invoice_id: DATABASE_URL } });
    await client.readResource({ uri: 'synapsor://evidence/ev_x' }).catch(() => undefined);
    const slow = client.callTool({ name: SLOW_TOOL, arguments: {} }).catch(() => undefined);
    await slow;
    stream.stub.releaseSlow();
    await transport.terminateSession();
    await client.close();

    // Refusals, including a wrong token and a secret in the query string.
    const port = stream.port;
    for (const req of [
      { headers: { authorization: `Bearer ${TOKEN}x` } },
      { headers: { authorization: `Bearer ${DATABASE_URL}` } },
      { headers: { ...jsonHeaders, host: 'evil.example' } },
      { headers: { ...jsonHeaders, origin: DATABASE_URL } },
      { headers: jsonHeaders, path: `/mcp?token=${TOKEN}` },
      { headers: jsonHeaders, body: '{"broken' },
      { method: 'GET', path: '/healthz' },
    ]) {
      captured.push(seen(await raw({ port, body: '{}', ...req })));
    }

    const bridge = await startBridge();
    for (const body of [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: LEAKY_TOOL } },
      { jsonrpc: '2.0', id: 2, method: DATABASE_URL },
      { jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: DATABASE_URL } },
    ]) {
      captured.push(seen(await raw({ port: bridge.port, headers: auth, body: JSON.stringify(body) })));
    }

    captured.push(...stream.server.startupLines(), ...bridge.server.startupLines());
    expect(captured.length).toBeGreaterThan(15);
    captured.forEach((text, i) => expectClean(`response ${i}`, text));
    const logs = [...stream.logger.lines, ...bridge.logger.lines];
    expect(logs.some((line) => line.includes('"event":"tool_call"'))).toBe(true);
    expect(logs.some((line) => line.includes('"event":"http_refused"'))).toBe(true);
    logs.forEach((line, i) => expectClean(`log ${i}`, line));
  });
});
