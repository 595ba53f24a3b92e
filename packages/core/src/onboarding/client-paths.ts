import { INIT_DEFAULTS } from './defaults.js';
import type { ClientPaths, McpClient } from './client-types.js';

const strip = (path: string) => path.replace(/^\.\//, '');

/**
 * How snippet paths are printed. With an absolute project dir (`--absolute-paths`, or files
 * `init` writes for desktop clients) every path is absolute; otherwise VS Code gets
 * `${workspaceFolder}/…` and the other clients `./…` (relative to where the client starts it).
 */
export function clientPaths(
  client: McpClient,
  relative: Partial<ClientPaths> = {},
  absoluteDir: string | null = null,
): ClientPaths {
  const rel: ClientPaths = {
    config: strip(relative.config ?? INIT_DEFAULTS.config_file),
    store: strip(relative.store ?? INIT_DEFAULTS.store_file),
    envFile: strip(relative.envFile ?? INIT_DEFAULTS.env_file),
  };
  const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
  const base =
    absoluteDir !== null ? `${absoluteDir.replace(/[\\/]+$/, '')}/` : client === 'vscode' ? '${workspaceFolder}/' : './';
  const place = (path: string) => (isAbsolute(path) ? path : `${base}${path}`);
  return { config: place(rel.config), store: place(rel.store), envFile: place(rel.envFile) };
}
