import type { Command } from 'commander';
import type { AliasMode, CapabilityConfig } from '@synapsor/core';
import type { CliContext, CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { boundaryReport, formatChecks, NOT_EXPOSED, type BoundaryReport } from '../support/boundary.js';
import { loadConfig } from '../support/config-file.js';
import { refusalsAsFailures, usageError } from '../support/errors.js';
import { aliasModeFlag } from '../support/flags.js';
import { colorsFor, printJson, printLines } from '../support/output.js';
import { wireRuntime } from '../support/runtime.js';
import { toolInput, type InputFlags } from '../support/tool-input.js';
import { renderEnvelope, nextCommands, type Envelope } from '../render/envelope.js';

async function boundaryFor(context: CliContext, configFlag: string | undefined, aliasMode: AliasMode): Promise<BoundaryReport> {
  const loaded = await loadConfig(context.io, configFlag);
  return refusalsAsFailures(async () => boundaryReport(loaded.config, aliasMode));
}

function toolLines(report: BoundaryReport): string[] {
  return report.descriptors.map((tool) => {
    const meta = tool._meta as Record<string, unknown>;
    const canonical = String(meta['synapsor.canonical_tool_name']);
    const kind = meta['synapsor.kind'] === 'read' ? 'read' : 'proposal';
    return `  ${tool.name}${tool.name === canonical ? '' : ` → ${canonical}`} (${kind})`;
  });
}

/** `smoke boundary` and its alias `mcp smoke`: the boundary checks only. */
export function registerBoundaryCommand(command: Command, context: CliContext): void {
  command.option('--json', 'JSON output').action(
    action<{ json?: boolean }>(context, async (options) => {
      const report = await boundaryFor(context, options.config, 'both');
      if (options.json) printJson(context.io, { ok: report.ok, checks: report.checks });
      else printLines(context.io, formatChecks(report.checks));
      return report.ok ? 0 : 1;
    }),
  );
}

function pickCapability(capabilities: readonly CapabilityConfig[], name: string | undefined, kind?: 'proposal'): CapabilityConfig {
  const candidates = kind ? capabilities.filter((capability) => capability.kind === kind) : capabilities;
  if (name === undefined) {
    if (candidates.length === 1) return candidates[0]!;
    throw usageError('CAPABILITY_REQUIRED', `name a capability: ${candidates.map((capability) => capability.name).join(', ')}`);
  }
  const found = capabilities.find((capability) => capability.name === name);
  if (!found) throw usageError('CAPABILITY_NOT_FOUND', `unknown capability ${name}`);
  if (kind && found.kind !== kind) throw usageError('NOT_A_PROPOSAL_CAPABILITY', `${name} is a ${found.kind} capability; use \`smoke call\``);
  return found;
}

/** One call through the same runtime MCP uses (v2 envelope); exit 1 when `ok: false`. */
async function callOnce(context: CliContext, options: InputFlags & { json?: boolean; config?: string; store?: string }, name: string | undefined, kind?: 'proposal') {
  const wired = await wireRuntime(context.io, options, { resultFormat: 2 });
  try {
    const capability = pickCapability(wired.loaded.config.capabilities, name, kind);
    const input = await toolInput(options, wired.loaded.dir, capability);
    const result = await wired.runtime.callTool(capability.name, input);
    const envelope = (result.structuredContent ?? JSON.parse(result.content[0]?.text ?? '{}')) as unknown as Envelope;
    if (options.json) printJson(context.io, { ok: envelope.ok, input, envelope, next: nextCommands(envelope) });
    else printLines(context.io, renderEnvelope(envelope, input, colorsFor(context.io)));
    return envelope.ok ? 0 : 1;
  } finally {
    await wired.runtime.close();
  }
}

function inputFlags(command: Command): Command {
  return command
    .option('--input-json <json>', 'tool arguments as a JSON object')
    .option('--input <file>', 'tool arguments from a JSON file')
    .option('--sample', 'sample arguments (default)')
    .option('--json', 'JSON output');
}

export const registerTools: CommandGroup = (program, context) => {
  const tools = program.command('tools').description('what the model sees');
  const preview = (name: string, description: string) =>
    tools
      .command(name)
      .description(description)
      .option('--alias-mode <mode>', 'canonical, openai or both', aliasModeFlag)
      .option('--aliases', 'same as --alias-mode both')
      .option('--json', 'JSON output')
      .action(
        action<{ aliasMode?: AliasMode; aliases?: boolean; json?: boolean }>(context, async (options) => {
          const aliasMode = options.aliases ? 'both' : (options.aliasMode ?? 'canonical');
          const report = await boundaryFor(context, options.config, aliasMode);
          if (options.json) {
            const listed = report.descriptors.map((tool) => ({ name: tool.name, canonical: tool._meta['synapsor.canonical_tool_name'], kind: tool._meta['synapsor.kind'], description: tool.description }));
            printJson(context.io, { ok: report.ok, alias_mode: aliasMode, tools: listed, not_exposed: NOT_EXPOSED, checks: report.checks });
          } else {
            printLines(context.io, [`tools exposed (${report.descriptors.length}, alias mode ${aliasMode}):`, ...toolLines(report), 'never exposed:', ...NOT_EXPOSED.map((item) => `  ${item}`), 'boundary checks:', ...formatChecks(report.checks).map((line) => `  ${line}`)]);
          }
          return report.ok ? 0 : 1;
        }),
      );
  preview('preview', 'tools exposed, what is never exposed, and the PASS/FAIL boundary checks');
  preview('list', 'alias of `tools preview`');

  const smoke = program.command('smoke').description('boundary checks and one real call');
  registerBoundaryCommand(smoke.command('boundary').description('the PASS/FAIL boundary checks of the compiled tool list'), context);
  inputFlags(smoke.command('call').description('one call through the MCP runtime against the real database').argument('[capability]', 'capability (optional when only one exists)')).action(
    action<InputFlags & { json?: boolean }>(context, async (options, args) => callOnce(context, options, args[0])),
  );

  inputFlags(program.command('propose').description('call a proposal capability once (creates a proposal; changes nothing)').argument('<capability>', 'proposal capability')).action(
    action<InputFlags & { json?: boolean }>(context, async (options, args) => callOnce(context, options, args[0], 'proposal')),
  );
};
