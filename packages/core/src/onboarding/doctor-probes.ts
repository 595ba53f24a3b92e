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

/**
 * Doctor probes per source (cli.md doctor): the reader and every target object with the columns
 * the config names; with `checkWriteback`, also the writer, the receipts table and one
 * rolled-back probe per allowed and bump column of `sql_update` proposals in review mode.
 */
export function doctorProbesFor(
  config: RunnerConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: { checkWriteback: boolean },
): Record<string, DoctorProbe[]> {
  const probes: Record<string, DoctorProbe[]> = {};
  const targets = new Map<string, TargetProbe & { source: string }>();
  const writable = new Map<string, Set<string>>();
  for (const capability of config.capabilities) {
    const { schema, table } = capability.target;
    const key = `${capability.source}\u0000${schema}\u0000${table}`;
    const entry = targets.get(key) ?? { kind: 'target_object', source: capability.source, schema, table, columns: [], must_be_table: false };
    entry.columns = [...new Set([...entry.columns, ...capabilityColumns(capability)])];
    if (isProposalCapability(capability) && config.mode !== 'read_only') entry.must_be_table = true;
    targets.set(key, entry);
    if (options.checkWriteback && config.mode === 'review' && isProposalCapability(capability) && executorTypeOf(config, capability) === 'sql_update') {
      const set = writable.get(key) ?? new Set<string>();
      for (const column of writableColumns(capability)) set.add(column);
      writable.set(key, set);
    }
  }
  const isSet = (name: string | undefined) => name !== undefined && (env[name] ?? '') !== '';
  // A source whose URL env is missing gets no probes: the env checks already fail for it.
  for (const [sourceId, source] of Object.entries(config.sources)) if (isSet(source.read_url_env)) probes[sourceId] = [{ kind: 'reader' }];
  for (const [key, { source, ...target }] of targets) {
    const list = probes[source];
    if (!list) continue;
    list.push(target);
    const columns = writable.get(key);
    if (!columns || !isSet(config.sources[source]?.write_url_env)) continue;
    if (!list.some((probe) => probe.kind === 'writer')) list.splice(1, 0, { kind: 'writer' }, { kind: 'receipts_table' });
    for (const column of columns) list.push({ kind: 'writable_column', schema: target.schema, table: target.table, column });
  }
  return probes;
}
