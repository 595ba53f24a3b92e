import type { RunnerConfig } from '../config/index.js';
import { executorTypeOf, isProposalCapability } from '../config/index.js';
import type { DoctorProbe } from '../ports/index.js';

type TargetProbe = Extract<DoctorProbe, { kind: 'target_object' }>;

/** Every column a capability reads or writes (visible, keys, patch, guards). */
function capabilityColumns(capability: RunnerConfig['capabilities'][number]): string[] {
  const t = capability.target;
  const columns = [t.primary_key, ...(t.tenant_key ? [t.tenant_key] : []), ...capability.visible_columns];
  if (isProposalCapability(capability)) {
    columns.push(...Object.keys(capability.patch), ...capability.allowed_columns);
    if (capability.conflict_guard.column) columns.push(capability.conflict_guard.column);
    for (const guard of Object.values(capability.transition_guards ?? {})) if (guard.from_column) columns.push(guard.from_column);
  }
  return columns;
}

/** Columns the writer must be able to update: allowed columns plus the bump column. */
function writableColumns(capability: RunnerConfig['capabilities'][number]): string[] {
  if (!isProposalCapability(capability)) return [];
  const bump = capability.conflict_guard.bump && capability.conflict_guard.column ? [capability.conflict_guard.column] : [];
  return [...capability.allowed_columns, ...bump];
}

type WritableTarget = { source: string; schema: string; table: string; columns: string[] };

/** Targets the built-in `sql_update` writes in review mode, with the columns the writer updates. */
function writableTargets(config: RunnerConfig): WritableTarget[] {
  if (config.mode !== 'review') return [];
  const targets = new Map<string, WritableTarget>();
  for (const capability of config.capabilities) {
    if (!isProposalCapability(capability) || executorTypeOf(config, capability) !== 'sql_update') continue;
    const { schema, table } = capability.target;
    const key = `${capability.source}\u0000${schema}\u0000${table}`;
    const entry = targets.get(key) ?? { source: capability.source, schema, table, columns: [] };
    entry.columns = [...new Set([...entry.columns, ...writableColumns(capability)])];
    targets.set(key, entry);
  }
  return [...targets.values()];
}

const isSet = (env: Readonly<Record<string, string | undefined>>, name: string | undefined) => name !== undefined && (env[name] ?? '') !== '';

/**
 * Writer probes per source whose write URL env is set: the writer connection, the receipts
 * table and one rolled-back probe per allowed and bump column of `sql_update` proposals in
 * review mode (`doctor --check-writeback`, `writeback doctor --check-db`).
 */
export function writebackProbesFor(config: RunnerConfig, env: Readonly<Record<string, string | undefined>>): Record<string, DoctorProbe[]> {
  const probes: Record<string, DoctorProbe[]> = {};
  for (const { source, schema, table, columns } of writableTargets(config)) {
    if (!isSet(env, config.sources[source]?.write_url_env)) continue;
    const list = (probes[source] ??= [{ kind: 'writer' }, { kind: 'receipts_table' }]);
    for (const column of columns) list.push({ kind: 'writable_column', schema, table, column });
  }
  return probes;
}

/**
 * Doctor probes per source (cli.md doctor): the reader and every target object with the columns
 * the config names; with `checkWriteback`, also the writer probes of `writebackProbesFor`.
 */
export function doctorProbesFor(
  config: RunnerConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: { checkWriteback: boolean },
): Record<string, DoctorProbe[]> {
  const probes: Record<string, DoctorProbe[]> = {};
  const targets = new Map<string, TargetProbe & { source: string }>();
  for (const capability of config.capabilities) {
    const { schema, table } = capability.target;
    const key = `${capability.source}\u0000${schema}\u0000${table}`;
    const entry = targets.get(key) ?? { kind: 'target_object', source: capability.source, schema, table, columns: [], must_be_table: false };
    entry.columns = [...new Set([...entry.columns, ...capabilityColumns(capability)])];
    if (isProposalCapability(capability) && config.mode !== 'read_only') entry.must_be_table = true;
    targets.set(key, entry);
  }
  // A source whose URL env is missing gets no probes: the env checks already fail for it.
  for (const [sourceId, source] of Object.entries(config.sources)) if (isSet(env, source.read_url_env)) probes[sourceId] = [{ kind: 'reader' }];
  for (const { source, ...target } of targets.values()) probes[source]?.push(target);
  if (options.checkWriteback) {
    // Writer and receipts table right after the reader, column probes last (adapters take any order).
    for (const [sourceId, writer] of Object.entries(writebackProbesFor(config, env))) {
      const list = probes[sourceId];
      if (!list) continue;
      list.splice(1, 0, ...writer.filter((probe) => probe.kind !== 'writable_column'));
      list.push(...writer.filter((probe) => probe.kind === 'writable_column'));
    }
  }
  return probes;
}
