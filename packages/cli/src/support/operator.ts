import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { ActorSource } from '@synapsor/core';
import { CliError, usageError } from './errors.js';
import type { CliIo } from './io.js';

export interface Operator {
  actor: string;
  actor_source: ActorSource;
  roles: string[];
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

function rolesOf(file: unknown, actor: string): string[] | null {
  if (!file || typeof file !== 'object') return null;
  const { version, operators } = file as { version?: unknown; operators?: unknown };
  if (version !== 1 || !operators || typeof operators !== 'object') return null;
  if (!Object.hasOwn(operators, actor)) return [];
  const entry = (operators as Record<string, { roles?: unknown }>)[actor];
  const roles = entry?.roles;
  return Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles.map((role) => role.trim()) : null;
}

/**
 * Operator identity and roles (read-and-proposal.md "Approval"): id `--actor` >
 * `SYNAPSOR_OPERATOR` > OS user; roles from the operators file (`--operators` >
 * `SYNAPSOR_OPERATORS_FILE`, env roles then ignored) else `SYNAPSOR_OPERATOR_ROLES`.
 */
export async function resolveOperator(io: CliIo, flags: { actor?: string; operators?: string }): Promise<Operator> {
  const fromFlag = flags.actor?.trim();
  const fromEnv = io.env.SYNAPSOR_OPERATOR?.trim();
  const [actor, actor_source]: [string, ActorSource] = fromFlag
    ? [fromFlag, 'flag']
    : fromEnv
      ? [fromEnv, 'env']
      : [osUser().trim(), 'os_user'];
  if (!actor) throw new CliError('OPERATOR_REQUIRED', 'an operator id is required: pass --actor or set SYNAPSOR_OPERATOR');

  const filePath = flags.operators ?? io.env.SYNAPSOR_OPERATORS_FILE;
  if (filePath) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(filePath, 'utf8'));
    } catch {
      throw usageError('OPERATORS_FILE_INVALID', 'operators file is missing or not JSON');
    }
    const roles = rolesOf(parsed, actor);
    if (roles === null) throw usageError('OPERATORS_FILE_INVALID', 'operators file must be {"version": 1, "operators": {"<actor>": {"roles": [...]}}}');
    const known = Object.hasOwn((parsed as { operators: object }).operators, actor);
    if (!known) throw new CliError('OPERATOR_UNKNOWN', `operator ${actor} is not in the operators file`);
    return { actor, actor_source, roles };
  }
  const roles = (io.env.SYNAPSOR_OPERATOR_ROLES ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  return { actor, actor_source, roles };
}
