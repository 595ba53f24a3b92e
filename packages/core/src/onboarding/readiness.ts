import type { RunnerConfig } from '../config/index.js';
import { executorTypeOf, isProposalCapability } from '../config/index.js';
import type { BoundaryCheck, CompiledTools } from '../tools/index.js';
import { envRequirements, envStatus } from './env-requirements.js';

export interface ReadinessChecklist {
  ready: boolean;
  tools: Array<{ name: string; capability: string; kind: 'read' | 'proposal' }>;
  writeback: Array<{ capability: string; path: string; approval_role: string | null }>;
  env: Array<{ name: string; owner: string; status: 'set' | 'missing' }>;
  boundary: { ok: boolean; failed: string[] };
  connect: string[];
}

function writebackPath(config: RunnerConfig, capability: RunnerConfig['capabilities'][number]): string {
  if (config.mode === 'shadow') return 'shadow: recorded for comparison, never approved or applied';
  const type = executorTypeOf(config, capability);
  if (type === 'sql_update') {
    const writer = config.sources[capability.source]?.write_url_env;
    return writer ? `sql_update (guarded UPDATE with ${writer})` : 'sql_update disabled: the source has no write_url_env';
  }
  return `${type} (${isProposalCapability(capability) ? capability.executor : ''})`;
}

/**
 * `up` readiness checklist (cli.md): tools a model will see, the writeback path of each proposal
 * tool, env names with set/missing, the boundary verdict and how to connect. Ready = boundary
 * passes and no env is missing.
 */
export function readinessChecklist(
  config: RunnerConfig,
  compiled: CompiledTools,
  boundary: readonly BoundaryCheck[],
  env: Readonly<Record<string, string | undefined>>,
  connect: string[],
): ReadinessChecklist {
  const tools = compiled.descriptors.map((descriptor) => {
    const capability = compiled.resolve(descriptor.name)!;
    return { name: descriptor.name, capability: capability.name, kind: capability.kind };
  });
  const writeback = compiled.capabilities.filter(isProposalCapability).map((capability) => ({
    capability: capability.name,
    path: writebackPath(config, capability),
    approval_role: capability.approval?.required_role ?? null,
  }));
  const envList = envRequirements(config).map((entry) => ({ name: entry.name, owner: entry.owner, status: envStatus(env, entry.name) }));
  const failed = boundary.filter((check) => check.status === 'fail').map((check) => check.message);
  return {
    ready: failed.length === 0 && envList.every((entry) => entry.status === 'set'),
    tools,
    writeback,
    env: envList,
    boundary: { ok: failed.length === 0, failed },
    connect,
  };
}

export function renderReadiness(list: ReadinessChecklist): string[] {
  const mark = (ok: boolean) => (ok ? '[x]' : '[ ]');
  return [
    `${mark(list.tools.length > 0)} tools (${list.tools.length}):`,
    ...list.tools.map((tool) => `      ${tool.name}${tool.name === tool.capability ? '' : ` → ${tool.capability}`} (${tool.kind})`),
    `${mark(true)} writeback paths:`,
    ...(list.writeback.length > 0 ? list.writeback.map((entry) => `      ${entry.capability}: ${entry.path}${entry.approval_role ? `; approver role ${entry.approval_role}` : ''}`) : ['      none (read-only)']),
    `${mark(list.env.every((entry) => entry.status === 'set'))} env:`,
    ...list.env.map((entry) => `      ${entry.name} ${entry.status} (${entry.owner})`),
    `${mark(list.boundary.ok)} boundary: ${list.boundary.ok ? 'PASS' : `FAIL ${list.boundary.failed.join('; ')}`}`,
    `${mark(list.ready)} connect:`,
    ...list.connect.map((line) => `      ${line}`),
  ];
}
