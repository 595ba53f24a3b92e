import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AuditUsageError } from '../errors.js';
import { LiveServerError, LiveTimeoutError, safeCause } from './live-error.js';
import { listToolsOver, withTimeout, type ListedTools } from './session.js';
import type { LiveOptions } from './stdio.js';

const DELETE_WAIT_MS = 2000;

/** Parses `--url`; returns the URL to connect to (no userinfo) and the printable target (no userinfo, query, fragment). */
export function parseServerUrl(raw: string): { connect: URL; target: string } {
  if (!URL.canParse(raw)) throw new AuditUsageError('--url is not a valid URL');
  const connect = new URL(raw);
  if (connect.protocol !== 'http:' && connect.protocol !== 'https:') {
    throw new AuditUsageError('--url must be an http:// or https:// URL');
  }
  connect.username = '';
  connect.password = '';
  connect.hash = '';
  const target = new URL(connect);
  target.search = '';
  return { connect, target: target.toString() };
}

function describeHttpError(error: unknown): LiveServerError {
  if (error instanceof LiveServerError) return error;
  if (error instanceof StreamableHTTPError) {
    if (error.code === 401) return new LiveServerError('HTTP 401: the server requires credentials');
    if (error.code === 403) return new LiveServerError('HTTP 403: the credentials were refused');
    if (error.code === -1) return new LiveServerError('the server answered with neither JSON nor an event stream');
    return new LiveServerError(`HTTP ${error.code ?? 'error'}`);
  }
  if (error instanceof SyntaxError) return new LiveServerError('the server answered with invalid JSON');
  if ((error as Error | undefined)?.name === 'ZodError') return new LiveServerError('the server answered with a non-JSON-RPC message');
  return new LiveServerError(`could not reach the server: ${safeCause(error)}`);
}

/** initialize → tools/list over Streamable HTTP; DELETE of the session afterwards (errors ignored). */
export async function listHttpTools(
  url: URL,
  bearer: string | undefined,
  options: LiveOptions,
): Promise<ListedTools> {
  const headers: Record<string, string> = bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` };
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  let timedOut = false;
  try {
    return await withTimeout(
      listToolsOver(transport, { clientVersion: options.clientVersion, describeClose: () => 'the HTTP session closed' }),
      options.timeoutMs,
      'tools/list',
    ).catch((error: unknown) => {
      timedOut = error instanceof LiveTimeoutError;
      throw describeHttpError(error);
    });
  } finally {
    // A hanging server would hang the DELETE too; close() aborts whatever is still in flight.
    if (!timedOut) {
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, DELETE_WAIT_MS)));
      await Promise.race([transport.terminateSession().catch(() => undefined), wait]);
      clearTimeout(timer);
    }
    await transport.close().catch(() => undefined);
  }
}
