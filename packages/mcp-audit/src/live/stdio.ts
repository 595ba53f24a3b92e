import { LiveServerError, safeCause } from './live-error.js';
import { ChildProcessTransport } from './stdio-transport.js';
import { listToolsOver, withTimeout, type ListedTools } from './session.js';

export interface LiveOptions {
  timeoutMs: number;
  clientVersion: string;
}

/** Spawns argv (no shell), lists its tools, then always shuts the child down. */
export async function listStdioTools(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  options: LiveOptions,
): Promise<ListedTools> {
  const transport = new ChildProcessTransport(argv, env);
  try {
    return await withTimeout(
      listToolsOver(transport, { clientVersion: options.clientVersion, describeClose: () => transport.describeExit() }),
      options.timeoutMs,
      'tools/list',
    ).catch((error: unknown) => {
      throw error instanceof LiveServerError ? error : new LiveServerError(`stdio failure: ${safeCause(error)}`);
    });
  } finally {
    await transport.close();
  }
}
