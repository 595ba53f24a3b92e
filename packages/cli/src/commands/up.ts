import { checkToolBoundary, clientPaths, clientSnippet, compileTools, readinessChecklist, renderReadiness, type AliasMode } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { loadConfig } from '../support/config-file.js';
import { loadEnv } from '../support/env-file.js';
import { refusalsAsFailures, usageError, CliError } from '../support/errors.js';
import { aliasModeFlag, choiceFlag, integerFlag } from '../support/flags.js';
import { takeServingLease } from '../support/lease.js';
import { printJson, printLines } from '../support/output.js';
import { wireRuntime } from '../support/runtime.js';
import { serveOverHttp } from '../support/serve.js';
import { resolveStorePath } from '../support/store-path.js';
import { probeHandlers } from '../onboarding/handler-probe.js';

interface UpFlags {
  serve?: boolean;
  transport?: 'stdio' | 'streamable-http';
  host?: string;
  port?: number;
  authTokenEnv?: string;
  aliasMode?: AliasMode;
  withHandler?: boolean;
  dryRun?: boolean;
  allowConcurrentStore?: boolean;
  envFile?: string;
  json?: boolean;
}

function connectLines(flags: UpFlags, configPath: string): string[] {
  const snippet = clientSnippet({ client: 'vscode', transport: 'streamable-http', paths: clientPaths('vscode', { config: configPath }), ...(flags.aliasMode ? { aliasMode: flags.aliasMode } : {}), ...(flags.host ? { host: flags.host } : {}), ...(flags.port ? { port: flags.port } : {}), ...(flags.authTokenEnv ? { authTokenEnv: flags.authTokenEnv } : {}) });
  return [
    'stdio clients: synapsor-runner mcp config claude-desktop|cursor|vscode --absolute-paths',
    `HTTP: ${snippet.server_command ?? ''}`,
    'OpenAI Agents: synapsor-runner mcp config openai-agents --language js|python',
  ];
}

export const registerUp: CommandGroup = (program, context) => {
  program
    .command('up')
    .description('validate, lease check, boundary check and readiness checklist; --serve then starts Streamable HTTP')
    .option('--serve', 'start Streamable HTTP after the checks')
    .option('--transport <transport>', 'streamable-http (stdio is started by the client, not by up)', choiceFlag('--transport', ['stdio', 'streamable-http'] as const))
    .option('--host <host>', 'HTTP host (default 127.0.0.1)')
    .option('--port <port>', 'HTTP port (default 8766)', integerFlag('--port', 0, 65535))
    .option('--auth-token-env <ENV>', 'bearer token env (default SYNAPSOR_RUNNER_HTTP_TOKEN)')
    .option('--alias-mode <mode>', 'canonical, openai or both', aliasModeFlag)
    .option('--with-handler', 'run the handler checks first and stop on failure')
    .option('--dry-run', 'checks only; never serve')
    .option('--allow-concurrent-store', 'continue when another server holds the store lease')
    .option('--env-file <file>', 'load KEY=VALUE lines (process env wins)')
    .option('--json', 'JSON output')
    .action(
      action<UpFlags>(context, async (options) => {
        const { io } = context;
        if (options.serve && options.transport === 'stdio') throw usageError('TRANSPORT_UNSUPPORTED', 'up --serve starts Streamable HTTP; stdio servers are started by the MCP client (`mcp config`)');
        const loaded = await loadConfig(io, options.config);
        const env = await loadEnv(io.env, options.envFile);
        const storePath = resolveStorePath(io, options.store, loaded);
        if (!options.allowConcurrentStore) {
          const { assertNoLiveLease } = await import('@synapsor/store-sqlite');
          await refusalsAsFailures(async () => assertNoLiveLease(storePath));
        }
        if (options.withHandler) {
          const results = await probeHandlers(loaded.config, env);
          const down = Object.entries(results).filter(([, result]) => result !== 'answered');
          if (down.length > 0) throw new CliError('HANDLER_UNREACHABLE', `handlers not reachable: ${down.map(([name, result]) => `${name} (${result})`).join(', ')}`);
        }
        const aliasMode = options.aliasMode ?? 'canonical';
        const compiled = await refusalsAsFailures(async () => compileTools(loaded.config, { aliasMode }));
        const list = readinessChecklist(loaded.config, compiled, checkToolBoundary(compiled.descriptors), env, connectLines(options, loaded.path));
        if (options.json) printJson(io, { ok: list.ready, config_path: loaded.path, store_path: storePath, ...list });
        else printLines(io, [`config valid: ${loaded.path}`, `store: ${storePath} (no live lease)`, ...renderReadiness(list)]);
        if (!list.ready) return 1;
        if (!options.serve || options.dryRun) return 0;
        const wired = await wireRuntime(io, options, { ...(options.envFile ? { envFile: options.envFile } : {}), aliasMode });
        const lease = await takeServingLease(io, wired.storePath, 'streamable-http', Boolean(options.allowConcurrentStore)).catch(async (error: unknown) => {
          await wired.runtime.close();
          throw error;
        });
        await serveOverHttp(context, wired, lease, 'streamable-http', { host: options.host ?? '127.0.0.1', port: options.port ?? 8766, ...(options.authTokenEnv ? { authTokenEnv: options.authTokenEnv } : {}) });
        return 0;
      }),
    );
};
