// Real servers on port 0, real sockets, a capturing logger, and the counting stub runtime.
import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpLogger } from '@synapsor/core/mcp';
import {
  createJsonRpcBridgeServer,
  createStreamableHttpServer,
  type HttpServerHandle,
  type HttpServerOptions,
  type StreamableHttpOptions,
} from '../../src/index.js';
import { createStubRuntime, type StubOptions, type StubRuntime } from '../../../core/test/mcp/support/stub-runtime.js';

export const TOKEN = 'tok_0123456789abcdef0123456789abcdef_XYZ';
export const DATABASE_URL = 'postgres://runner:hunter2@db.internal:5432/app';
export const TOKEN_ENV = 'SYNAPSOR_RUNNER_HTTP_TOKEN';

export interface CapturedLogger extends McpLogger {
  lines: string[];
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const write = (level: string) => (obj: object, msg?: string) => lines.push(JSON.stringify({ level, ...obj, msg }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') };
}

export interface Started<S extends HttpServerHandle> {
  server: S;
  url: string;
  port: number;
  stub: StubRuntime;
  logger: CapturedLogger;
}

const started: HttpServerHandle[] = [];

/** Closes every server a test started (call from afterEach). */
export async function closeAll(): Promise<void> {
  while (started.length) await started.pop()!.close();
}

function baseOptions(stubOptions: StubOptions) {
  return {
    version: '0.0.0-test',
    port: 0,
    env: { [TOKEN_ENV]: TOKEN, DATABASE_URL, ...stubOptions.env },
  };
}

export async function startStreamable(
  options: Partial<StreamableHttpOptions> = {},
  stubOptions: StubOptions = {},
): Promise<Started<ReturnType<typeof createStreamableHttpServer>>> {
  const logger = captureLogger();
  const stub = createStubRuntime(stubOptions);
  const server = createStreamableHttpServer(stub, { ...baseOptions(stubOptions), logger, ...options });
  started.push(server);
  const { url } = await server.listen();
  return { server, url, port: Number(new URL(url).port), stub, logger };
}

export async function startBridge(
  options: Partial<HttpServerOptions> = {},
  stubOptions: StubOptions = {},
): Promise<Started<HttpServerHandle>> {
  const logger = captureLogger();
  const stub = createStubRuntime({ ...stubOptions, env: { LEAK_ME: `${DATABASE_URL} ${TOKEN}`, ...stubOptions.env } });
  const server = createJsonRpcBridgeServer(stub, { ...baseOptions(stubOptions), logger, ...options });
  started.push(server);
  const { url } = await server.listen();
  return { server, url, port: Number(new URL(url).port), stub, logger };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface RawRequest {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}

/** One HTTP request with full control over Host, Origin and the body framing. */
export function raw(req: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { host: `127.0.0.1:${req.port}` };
  for (const [key, value] of Object.entries(req.headers ?? {})) {
    if (value === undefined) delete headers[key.toLowerCase()];
    else headers[key.toLowerCase()] = value;
  }
  if (req.body !== undefined && !req.chunked) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: req.port, method: req.method ?? 'POST', path: req.path ?? '/mcp', headers, setHost: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    // A server that refuses early may close the socket while we still upload: still a response.
    outgoing.on('error', reject);
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

export const auth = { authorization: `Bearer ${TOKEN}` };
export const jsonHeaders = { ...auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** Opens a session with a raw initialize and returns its id. */
export async function openRawSession(port: number, headers: Record<string, string> = jsonHeaders): Promise<string> {
  const res = await raw({ port, headers, body: initializeBody });
  if (res.status !== 200) throw new Error(`initialize failed: ${res.status} ${res.text}`);
  return res.headers['mcp-session-id'] as string;
}

export async function connectClient(url: string, token: string = TOKEN): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'http-test', version: '1' });
  await client.connect(transport);
  return { client, transport };
}
