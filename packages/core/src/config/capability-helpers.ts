import type {
  CapabilityConfig,
  ProposalCapabilityConfig,
  ReadCapabilityConfig,
  RunnerConfig,
} from './types.js';
import type { ExecutorType } from '../records/index.js';

export function isReadCapability(c: CapabilityConfig): c is ReadCapabilityConfig {
  return c.kind === 'read';
}

export function isProposalCapability(c: CapabilityConfig): c is ProposalCapabilityConfig {
  return c.kind === 'proposal';
}

/** Built-in executor name that needs no declaration under `executors`. */
export const BUILTIN_SQL_UPDATE = 'sql_update';

/**
 * Executor type a proposal capability is applied with. No `executor`, or `"sql_update"` with
 * no declaration of that name, means the built-in `sql_update`; a read has no executor and
 * reports `sql_update` too (it is never applied).
 */
export function executorTypeOf(
  config: Pick<RunnerConfig, 'executors'>,
  capability: CapabilityConfig,
): ExecutorType {
  if (!isProposalCapability(capability) || capability.executor === undefined) return 'sql_update';
  const executors = config.executors ?? {};
  // Own keys only: a name like "constructor" must not resolve to an Object.prototype member.
  if (!Object.hasOwn(executors, capability.executor)) return 'sql_update';
  return executors[capability.executor]!.type;
}
