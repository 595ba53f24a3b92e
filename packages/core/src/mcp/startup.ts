import type { Runtime } from '../runtime/types.js';
import { SERVER_NAME } from './instructions.js';

export type TransportName = 'stdio' | 'streamable-http' | 'http';

export interface StartupInfo {
  version: string;
  transport: TransportName;
  /** Endpoint URL for HTTP transports (host and port only; never carries credentials). */
  url?: string;
  /** HTTP only: env var name holding the bearer token, or `null` under `--dev-no-auth`. */
  authTokenEnv?: string | null;
  configPath?: string;
  storePath?: string;
  warnings?: readonly string[];
}

/**
 * The stderr lines a serving process prints at startup (mcp.md "Startup output"). Only names,
 * counts and paths the caller passes in: never a token value, a database URL or a handler URL.
 */
export function describeStartup(runtime: Runtime, info: StartupInfo): string[] {
  const lines = [`${SERVER_NAME} ${info.version}`];
  lines.push(`transport: ${info.transport}${info.url === undefined ? '' : ` ${info.url}`}`);
  lines.push(`mode: ${runtime.mode}`);
  lines.push(`tools: ${runtime.listTools().length}`);
  lines.push(`alias mode: ${runtime.aliasMode}`);
  if (info.authTokenEnv !== undefined) {
    lines.push(
      info.authTokenEnv === null
        ? 'auth: DISABLED (dev, loopback only)'
        : `auth: bearer token from env ${info.authTokenEnv}`,
    );
  }
  if (info.configPath !== undefined) lines.push(`config: ${info.configPath}`);
  if (info.storePath !== undefined) lines.push(`store: ${info.storePath}`);
  for (const name of runtime.missingEnv()) {
    lines.push(`missing env: ${name} (calls that need it answer TEMPORARILY_UNAVAILABLE)`);
  }
  for (const warning of info.warnings ?? []) lines.push(`warning: ${warning}`);
  return lines;
}
