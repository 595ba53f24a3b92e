import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Runtime } from '@synapsor/core';
import { attachCallLogger, createMcpServer, describeStartup, scheduleExpiry, type McpLogger } from '@synapsor/core/mcp';
import { destination, pino } from 'pino';

export interface ServeStdioOptions {
  version: string;
  /** pino-compatible logger; must write to stderr (stdout is reserved for protocol frames). */
  logger?: McpLogger;
  /** Level of the default stderr logger (the CLI passes `SYNAPSOR_LOG_LEVEL`); default `info`. */
  logLevel?: string;
  /** Runs after the runtime is closed; the CLI removes its store lease here. */
  onClose?: () => void | Promise<void>;
  configPath?: string;
  storePath?: string;
  /** Print the startup lines to stderr (default true). */
  printStartup?: boolean;
  /** Listen for SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
}

export interface StdioHandle {
  /** Closes the server, the runtime and calls `onClose`; idempotent. */
  close(): Promise<void>;
  /** Settles once the server has shut down for any reason (stdin closed, signal, `close()`). */
  readonly closed: Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Serves the runtime over stdio until stdin closes or the process is told to stop. */
export async function serveStdio(runtime: Runtime, options: ServeStdioOptions): Promise<StdioHandle> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const logger: McpLogger = options.logger ?? pino({ level: options.logLevel ?? 'info' }, destination({ dest: 2, sync: true }));
  const restoreConsole = stdout === process.stdout ? guardConsole() : () => {};
  const detachCallLogger = attachCallLogger(runtime, logger);
  const server = createMcpServer(runtime, { version: options.version, logger });
  const transport = new StdioServerTransport(stdin, stdout);

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  let stopExpiry = () => {};

  const close = (reason: string): Promise<void> => {
    // Assigned before shutdown starts: closing the server re-enters via `server.onclose`.
    closing ??= Promise.resolve().then(async () => {
      stopExpiry();
      for (const signal of SIGNALS) process.off(signal, onSignal);
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await server.close().catch(() => undefined);
      detachCallLogger();
      await step(logger, 'runtime_close_failed', () => runtime.close());
      await step(logger, 'on_close_failed', async () => options.onClose?.());
      // The process must be able to exit once we are done, even if the parent keeps the pipe.
      if (stdin === process.stdin) stdin.destroy();
      restoreConsole();
      logger.info({ event: 'stdio_closed', reason }, 'server closed');
      resolveClosed();
    });
    return closing;
  };
  const onEnd = () => void close('stdin_closed');
  const onSignal = (signal: NodeJS.Signals) => void close(signal);

  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  if (options.handleSignals ?? true) for (const signal of SIGNALS) process.once(signal, onSignal);
  server.onclose = () => void close('transport_closed');

  await server.connect(transport);
  stopExpiry = scheduleExpiry(runtime, logger);
  if (options.printStartup ?? true) {
    const lines = describeStartup(runtime, {
      version: options.version,
      transport: 'stdio',
      ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
      ...(options.storePath === undefined ? {} : { storePath: options.storePath }),
    });
    stderr.write(`${lines.join('\n')}\n`);
  }
  return { close: () => close('close_called'), closed };
}

/** Runs one shutdown step; a failure is logged by name only and never stops the next step. */
async function step(logger: McpLogger, event: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    logger.error({ event, error: (error as Error)?.name ?? 'unknown' });
  }
}

/** Sends stray `console.log`/`info` output to stderr so nothing but frames reaches stdout. */
function guardConsole(): () => void {
  const { log, info } = console;
  console.log = console.error;
  console.info = console.error;
  return () => {
    console.log = log;
    console.info = info;
  };
}
