import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  configValidCheck,
  doctorProbesFor,
  envDoctorChecks,
  handlerReachableCheck,
  ledgerCheck,
  orderChecks,
  sensitiveColumnsCheck,
  skipCheck,
  skippedProbeChecks,
  toolBoundaryCheck,
  type Check,
  type DoctorProbe,
  type Inspection,
  type RunnerConfig,
} from '@synapsor/core';
import { boundaryReport } from '../support/boundary.js';
import type { GlobalOptions } from '../support/command.js';
import { validateConfigFile, type LoadedConfig } from '../support/config-file.js';
import type { CliIo } from '../support/io.js';
import { closeSourceAdapters, createSourceAdapters, type EnvMap } from '../support/sources.js';
import { resolveStorePath } from '../support/store-path.js';
import { probeHandlers } from './handler-probe.js';

export interface DoctorFlags {
  checkWriteback?: boolean;
  checkHandlers?: boolean;
  allowSharedCredential?: boolean;
}

export interface DoctorRun {
  configPath: string;
  checks: Check[];
}

/**
 * Runs adapter probes per source (and, with `inspect`, a metadata inspection of the schemas the
 * config targets); adapter checks are prefixed with the source id when several sources exist.
 * Shared by `doctor` and `writeback doctor --check-db`.
 */
export async function runSourceProbes(
  config: RunnerConfig,
  env: EnvMap,
  probes: Record<string, DoctorProbe[]>,
  options: { inspect: boolean },
): Promise<{ checks: Check[]; inspections: Record<string, Inspection | null> }> {
  const adapters = await createSourceAdapters(config, env);
  const checks: Check[] = [];
  const inspections: Record<string, Inspection | null> = {};
  const several = Object.keys(config.sources).length > 1;
  try {
    for (const [sourceId, list] of Object.entries(probes)) {
      const adapter = adapters[sourceId]!;
      const found = await adapter.doctor(list);
      checks.push(...(several ? found.map((check) => ({ ...check, message: `${sourceId}: ${check.message}` })) : found));
      if (!options.inspect) continue;
      const schemas = [...new Set(config.capabilities.filter((c) => c.source === sourceId).map((c) => c.target.schema))];
      inspections[sourceId] = await adapter.inspect({ schemas }).catch(() => null);
    }
  } finally {
    await closeSourceAdapters(adapters);
  }
  return { checks, inspections };
}

async function ledger(io: CliIo, globals: GlobalOptions, loaded: LoadedConfig): Promise<Check> {
  const path = resolveStorePath(io, globals.store, loaded);
  // Doctor never creates a ledger: a missing file is the normal state before the first serve.
  if (path !== ':memory:' && !existsSync(path)) return skipCheck('ledger', `no ledger yet at ${path}; it is created on first use`);
  try {
    const { openSqliteStore } = await import('@synapsor/store-sqlite');
    const store = await openSqliteStore({ path });
    try {
      const stats = await store.stats();
      const verify = await store.verify();
      const lease = stats.lease ? { live: stats.lease.live, pid: stats.lease.pid, transport: stats.lease.transport } : null;
      return ledgerCheck(path, { schema_version: stats.schema_version, chain_head_seq: stats.chain_head.seq, chain_ok: verify.ok, lease });
    } finally {
      await store.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return ledgerCheck(path, { error: typeof code === 'string' ? code : 'cannot open the store' });
  }
}

/**
 * Every doctor check of cli.md, in order. Never throws for a failing check; a missing config
 * file is a usage error (exit 2) from `validateConfigFile`.
 */
export async function runDoctor(io: CliIo, globals: GlobalOptions, env: EnvMap, flags: DoctorFlags): Promise<DoctorRun> {
  const validation = await validateConfigFile(io, globals.config);
  const checks: Check[] = [configValidCheck(validation.path, validation)];
  if (!validation.ok || !validation.config) {
    return { configPath: validation.path, checks: [...checks, skipCheck('tool_boundary', 'config invalid'), skipCheck('ledger', 'config invalid')] };
  }
  const config = validation.config;
  const loaded: LoadedConfig = { path: validation.path, dir: dirname(validation.path), config, warnings: validation.warnings };
  checks.push(...envDoctorChecks(config, env, { allowSharedCredential: Boolean(flags.allowSharedCredential) }));
  const probes = doctorProbesFor(config, env, { checkWriteback: Boolean(flags.checkWriteback) });
  const probed = await runSourceProbes(config, env, probes, { inspect: true });
  checks.push(...probed.checks, sensitiveColumnsCheck(config, probed.inspections));
  checks.push(...skippedProbeChecks(checks, Boolean(flags.checkWriteback)));
  checks.push(handlerReachableCheck(flags.checkHandlers ? await probeHandlers(config, env) : null));
  checks.push(toolBoundaryCheck((await boundaryReport(config, 'both')).checks));
  checks.push(await ledger(io, globals, loaded));
  return { configPath: validation.path, checks: orderChecks(checks) };
}
