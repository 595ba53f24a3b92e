import type { Command } from 'commander';
import type { AuditFormat, FailOn } from '@synapsor/mcp-audit';
import type { CliContext, CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { usageError } from '../support/errors.js';
import { intFlag } from '../support/ledger-filters.js';
import { emit } from '../support/record-commands.js';

const DEFAULT_BEARER_ENV = 'SYNAPSOR_MCP_AUDIT_BEARER';
const FORMATS: readonly AuditFormat[] = ['text', 'json', 'markdown', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['high', 'medium', 'low'];

interface AuditFlags {
  example?: string;
  mcpConfig?: string;
  stdio?: string;
  url?: string;
  timeoutMs?: string;
  bearerEnv?: string;
  spawn?: boolean;
  format?: string;
  json?: boolean;
  output?: string;
  failOn?: string;
}

function formatOf(options: AuditFlags): AuditFormat {
  if (options.json && options.format !== undefined && options.format !== 'json') {
    throw usageError('INVALID_FLAG_COMBINATION', '--json means --format json');
  }
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError('INVALID_FLAG_VALUE', `--format must be one of ${FORMATS.join(', ')}`);
  return format as AuditFormat;
}

function failOnOf(raw: string | undefined): FailOn | undefined {
  if (raw === undefined) return undefined;
  if (!(FAIL_ON as readonly string[]).includes(raw)) throw usageError('INVALID_FLAG_VALUE', `--fail-on must be one of ${FAIL_ON.join(', ')}`);
  return raw as FailOn;
}

/** The audit flags and action; mounted as `audit` and as `mcp audit`. */
function defineAudit(command: Command, context: CliContext): Command {
  const { io } = context;
  return command
    .description('static MCP risk audit of tool metadata and client settings (never calls a business tool)')
    .argument('[file]', 'manifest, runner config or MCP client config (JSON)')
    .option('--example <name>', 'built-in manifest (dangerous-db-mcp)')
    .option('--mcp-config <file>', 'MCP client settings; stdio entries are spawned and listed unless --no-spawn')
    .option('--stdio <command>', 'spawn a stdio MCP server and audit its live tool list')
    .option('--url <url>', 'audit a live Streamable HTTP server')
    .option('--timeout-ms <n>', 'per live server (default 10000)')
    .option('--bearer-env <name>', `env var with a bearer token for --url (default ${DEFAULT_BEARER_ENV})`)
    .option('--no-spawn', 'with --mcp-config: client rules only, spawn nothing')
    .option('--format <format>', `${FORMATS.join(' | ')} (default text)`)
    .option('--json', 'same as --format json')
    .option('--output <file>', 'write the report to a file')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above high | medium | low')
    .action(
      action<AuditFlags>(context, async (options, [file]) => {
        const format = formatOf(options);
        const failOn = failOnOf(options.failOn);
        const timeoutMs = intFlag('--timeout-ms', options.timeoutMs, 1);
        // The token is resolved here from its env name; only the value goes to the library.
        const bearer = io.env[options.bearerEnv ?? DEFAULT_BEARER_ENV] || undefined;
        // The audit library (with the MCP SDK clients it uses for live servers) loads only here.
        const { AuditUsageError, auditExitCode, renderAudit, runAudit } = await import('@synapsor/mcp-audit');
        try {
          const report = await runAudit({
            example: options.example,
            file,
            mcpConfig: options.mcpConfig,
            stdio: options.stdio,
            url: options.url,
            noSpawn: options.spawn === false,
            ...(timeoutMs === undefined ? {} : { timeoutMs }),
            ...(bearer === undefined ? {} : { bearer }),
            env: io.env,
            clientVersion: context.version,
          });
          for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
          const color = format === 'text' && !options.output && io.stdoutIsTty && !io.env.NO_COLOR;
          const text = renderAudit(report, format, { color, version: context.version, generatedAt: new Date().toISOString() });
          await emit(context, text.endsWith('\n') ? text : `${text}\n`, options.output);
          for (const error of report.errors) io.stderr(`error ${error.server}: ${error.reason}\n`);
          return auditExitCode(report, failOn);
        } catch (error) {
          if (error instanceof AuditUsageError) throw usageError('AUDIT_USAGE', error.message);
          throw error;
        }
      }),
    );
}

/** `audit` and its alias `mcp audit` (audit.md). */
export const registerAudit: CommandGroup = (program, context) => {
  defineAudit(program.command('audit'), context);
  // The `mcp` group belongs to the serve commands; reuse it when it is registered first.
  const mcp = program.commands.find((command) => command.name() === 'mcp') ?? program.command('mcp').description('MCP commands');
  defineAudit(mcp.command('audit'), context);
};
