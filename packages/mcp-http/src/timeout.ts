import type { Runtime } from '@synapsor/core';
import { ExactMcpError } from '@synapsor/core/mcp';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

export const TIMEOUT_MESSAGE = 'Request timed out';

export const isTimeout = (error: unknown): boolean => error instanceof McpError && error.code === ErrorCode.RequestTimeout;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ExactMcpError(ErrorCode.RequestTimeout, TIMEOUT_MESSAGE)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The shared runtime with `--request-timeout-ms` applied to calls and resource reads. The
 * caller gets a timeout error; the underlying work is not cancellable and finishes on its own
 * (the runtime's own statement timeouts bound it).
 */
export function withRequestTimeout(runtime: Runtime, ms: number): Runtime {
  const timed: Runtime = {
    get mode() {
      return runtime.mode;
    },
    get aliasMode() {
      return runtime.aliasMode;
    },
    get resultFormat() {
      return runtime.resultFormat;
    },
    listTools: () => runtime.listTools(),
    listResourceTemplates: () => runtime.listResourceTemplates(),
    missingEnv: () => runtime.missingEnv(),
    callTool: (name, args) => within(runtime.callTool(name, args), ms),
    readResource: (uri) => within(runtime.readResource(uri), ms),
    expireDue: () => runtime.expireDue(),
    close: () => runtime.close(),
  };
  if (runtime.onCallLog) timed.onCallLog = (listener) => runtime.onCallLog!(listener);
  return timed;
}
