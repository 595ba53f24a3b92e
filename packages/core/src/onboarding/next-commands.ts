import type { RunnerConfig } from '../config/index.js';
import { isProposalCapability } from '../config/index.js';

/** Copy-pasteable follow-ups after init / onboard / up (no env values, only names and paths). */
export function nextCommands(config: RunnerConfig, options: { configArg: string | null; hasSmokeInput: boolean }): string[] {
  const withConfig = options.configArg ? ` --config ${options.configArg}` : '';
  const read = config.capabilities.find((capability) => capability.kind === 'read');
  const lines = [
    `synapsor-runner config validate${withConfig}`,
    `synapsor-runner doctor${withConfig}`,
    `synapsor-runner tools preview${withConfig}`,
  ];
  if (read) lines.push(`synapsor-runner smoke call ${read.name}${options.hasSmokeInput ? ' --sample' : ` --input-json '{"${read.lookup.id_from_arg}": "<id>"}'`}${withConfig}`);
  lines.push(`synapsor-runner mcp config claude-desktop --absolute-paths${withConfig}`, `synapsor-runner mcp serve${withConfig} --env-file .synapsor/runner.env`);
  if (config.mode === 'review' && config.capabilities.some(isProposalCapability)) {
    lines.push('synapsor-runner proposals list', 'synapsor-runner proposals approve latest', 'synapsor-runner apply latest');
  }
  return lines;
}
