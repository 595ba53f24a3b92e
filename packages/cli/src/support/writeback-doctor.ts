import { renderChecks, skipCheck, writebackDoctorChecks, writebackProbesFor, type Check, type RunnerConfig } from '@synapsor/core';
import { runSourceProbes } from '../onboarding/doctor-run.js';
import type { EnvMap } from './sources.js';

/**
 * The writeback-only subset of `doctor` (cli.md), built from the same core check builders and
 * adapter probes: mode, writer URL env, credential split, executor env, handler signing and,
 * with `checkDb`, the writer connection, receipts table and rolled-back UPDATE probes.
 */
export async function writebackChecks(config: RunnerConfig, env: EnvMap, checkDb: boolean): Promise<Check[]> {
  const checks = writebackDoctorChecks(config, env, { allowSharedCredential: false });
  if (!checkDb) return [...checks, skipCheck('writeback_probe', 'database probes not run; add --check-db')];
  const probed = await runSourceProbes(config, env, writebackProbesFor(config, env), { inspect: false });
  return [...checks, ...probed.checks];
}

/** Human lines, exactly as `doctor` prints its checks. */
export const checkLines = renderChecks;
