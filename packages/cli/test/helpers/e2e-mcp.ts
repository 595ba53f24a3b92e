import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { assertNoSecrets, baseEnv, runCli, startCli, type CliRun } from './cli.js';
import { POSTGRES_URL, createScratchReference } from './scratch-postgres.js';
import type { EnvelopeV2 } from '@synapsor/core';

export type ServerHandle = ReturnType<typeof startCli>;

/**
 * Everything the end-to-end suite saw leave a runner process: server stderr/stdout (stdout of a
 * stdio server is its JSON-RPC frames), HTTP response headers and bodies, and CLI outputs.
 * Parts are read lazily so output produced after registration is scanned too.
 */
export class Transcript {
  private readonly parts: Array<() => string> = [];

  add(part: string | (() => string)): void {
    this.parts.push(typeof part === 'string' ? () => part : part);
  }

  text(): string {
    return this.parts.map((part) => part()).join('\n');
  }

  assertClean(secrets: string[]): void {
    assertNoSecrets(this.text(), secrets);
  }
}

/**
 * Reader/writer URLs that differ (application_name) and carry a password component the
 * trust-auth test server ignores, plus a random 40-char bearer token. `secrets` lists every
 * value that must never leave a runner process.
 */
export function e2eSecrets(): { env: Record<string, string>; secrets: string[]; token: string } {
  const token = randomBytes(20).toString('hex');
  const urlFor = (application: string, password: string) => {
    const url = new URL(POSTGRES_URL);
    if (!url.password) url.password = password;
    url.searchParams.set('application_name', application);
    return url;
  };
  const reader = urlFor('e2e_reader', `s3cr3t-${randomBytes(6).toString('hex')}`);
  const writer = urlFor('e2e_writer', `wr1ter-${randomBytes(6).toString('hex')}`);
  return {
    token,
    env: {
      REFERENCE_POSTGRES_READ_URL: reader.toString(),
      REFERENCE_POSTGRES_WRITE_URL: writer.toString(),
      SYNAPSOR_TENANT_ID: 'acme',
      SYNAPSOR_PRINCIPAL: 'support.agent',
      SYNAPSOR_RUNNER_HTTP_TOKEN: token,
    },
    secrets: [token, reader.toString(), writer.toString(), decodeURIComponent(reader.password), decodeURIComponent(writer.password)],
  };
}

/** Starts and always stops runner processes; everything they print goes into the transcript. */
export class Runner {
  private readonly servers: ServerHandle[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly configPath: string,
    private readonly transcript: Transcript,
  ) {}

  serve(args: string[], store: string, env: Record<string, string> = {}): ServerHandle {
    const server = startCli([...args, '--config', this.configPath, '--store', store], { env: baseEnv({ ...this.env, ...env }) });
    this.servers.push(server);
    this.transcript.add(() => `${server.stderr()}\n${server.stdout()}`);
    return server;
  }

  /** An HTTP server on an ephemeral port; resolves with its endpoint URL from the startup lines. */
  async serveHttp(args: string[], store: string): Promise<{ server: ServerHandle; url: string }> {
    const server = this.serve([...args, '--port', '0'], store);
    await server.waitForStderr('auth: ');
    const match = /transport: \S+ (http:\/\/\S+)/.exec(server.stderr());
    if (!match) throw new Error(`no URL in the startup lines: ${server.stderr()}`);
    return { server, url: match[1]! };
  }

  async cli(args: string[]): Promise<CliRun> {
    const run = await runCli(args, { env: baseEnv(this.env) });
    this.transcript.add(`${run.stdout}\n${run.stderr}`);
    return run;
  }

  /** Parsed `--json` output of a ledger command on `store` (exit 0 required). */
  async ledgerJson<T>(args: string[], store: string): Promise<T> {
    const run = await this.cli([...args, '--json', '--config', this.configPath, '--store', store]);
    if (run.code !== 0) throw new Error(`${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  /** Entity counts of the ledger (`store stats`). */
  async counts(store: string): Promise<Record<string, number>> {
    return (await this.ledgerJson<{ counts: Record<string, number> }>(['store', 'stats'], store)).counts;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop('SIGKILL')));
  }
}

export const storeIn = (dir: string, name: string): string => join(dir, `${name}.db`);

/**
 * An SDK `Client` on a stdio server we spawned ourselves (so its exit code and lease stay
 * observable): the SDK's newline-delimited stdio framing with the child's pipes swapped.
 */
export async function stdioClient(server: ServerHandle): Promise<Client> {
  const client = new Client({ name: 'synapsor-e2e', version: '1.0.0' });
  await client.connect(new StdioServerTransport(server.child.stdout!, server.child.stdin!));
  return client;
}

/** Closes the client, then stdin (the stdio server's shutdown signal); resolves with the exit code. */
export async function closeStdio(client: Client, server: ServerHandle): Promise<number | null> {
  await client.close();
  server.child.stdin!.end();
  return server.exited;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** `fetch` that copies every response's headers and body (as the consumer reads it) into the transcript. */
export function recordingFetch(transcript: Transcript): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    transcript.add(JSON.stringify([...response.headers]));
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
    let body = '';
    const decoder = new TextDecoder();
    transcript.add(() => body);
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        body += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(tap), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** An SDK `Client` over Streamable HTTP with the bearer token. */
export async function httpClient(url: string, token: string, transcript: Transcript): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: recordingFetch(transcript),
  });
  const client = new Client({ name: 'synapsor-e2e', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

export type Envelope = EnvelopeV2;

/** The v2 envelope of a tool result; the text content must be the same document. */
export function envelopeOf(result: unknown): Envelope {
  const call = result as CallToolResult;
  const text = call.content[0];
  if (text?.type !== 'text') throw new Error(`no text content: ${JSON.stringify(call)}`);
  const envelope = call.structuredContent as unknown as Envelope;
  if (JSON.stringify(JSON.parse(text.text)) !== JSON.stringify(envelope)) throw new Error('text content differs from structuredContent');
  if (call.isError) throw new Error('v2 results never set isError');
  return envelope;
}

/** The single JSON document of a resources/read result. */
export function resourceJson<T = Record<string, unknown>>(result: { contents: Array<{ uri: string; mimeType?: string; text?: unknown }> }): T {
  const [content] = result.contents;
  if (result.contents.length !== 1 || content?.mimeType !== 'application/json' || typeof content.text !== 'string') {
    throw new Error(`unexpected resource contents: ${JSON.stringify(result)}`);
  }
  return JSON.parse(content.text) as T;
}

/** The same id with its last hex digit changed: same pattern, never stored. */
export function unknownSibling(id: string): string {
  const last = id.at(-1)!;
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

/** The suite's world: a scratch copy of the reference app, secrets, transcript and runner. */
export async function createE2eWorld(dir: string) {
  const ref = await createScratchReference(dir);
  const { env, secrets, token } = e2eSecrets();
  const transcript = new Transcript();
  const runner = new Runner(env, ref.configPath, transcript);
  return {
    ref,
    env,
    secrets,
    token,
    transcript,
    runner,
    /** The full source row, read directly with pg (not through the runner). */
    row: async (table: string, id: string) => (await ref.query(`SELECT * FROM ${ref.schema}.${table} WHERE id = $1`, [id]))[0],
    async dispose() {
      await runner.stopAll();
      await ref.drop();
    },
  };
}
