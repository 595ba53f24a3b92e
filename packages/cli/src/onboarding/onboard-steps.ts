import { envRequirements, envStatus, renderChecks, type Check } from '@synapsor/core';
import { boundaryReport, formatChecks } from '../support/boundary.js';
import { formatIssues, validateConfigFile, type ConfigIssue } from '../support/config-file.js';
import { CliError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { wireRuntime } from '../support/runtime.js';
import { runDoctor } from './doctor-run.js';
import type { InitOutcome } from './init-run.js';

export interface SmokeStep {
  ok: boolean | null;
  capability: string;
  message: string;
}

export interface OnboardSteps {
  validation: { ok: boolean; errors: ConfigIssue[]; warnings: ConfigIssue[] };
  boundary: { ok: boolean; checks: Array<{ id: string; status: string; message: string }> };
  smoke: SmokeStep | null;
  doctor: Check[];
  lines: string[];
}

/** One read through the same runtime MCP uses, when an id is known and every env var is set. */
async function smokeCall(io: CliIo, outcome: InitOutcome): Promise<SmokeStep | null> {
  const resolved = outcome.generation.resolved!;
  if (resolved.sample_id === null) return null;
  const capability = resolved.read_tool;
  const missing = envRequirements(outcome.generation.normalized!)
    .filter((entry) => entry.purpose === 'read_url' || entry.purpose === 'tenant' || entry.purpose === 'principal')
    .filter((entry) => envStatus(io.env, entry.name) === 'missing');
  if (missing.length > 0) return { ok: null, capability, message: `skipped: set ${missing.map((entry) => entry.name).join(', ')}` };
  let wired;
  try {
    wired = await wireRuntime(io, { config: outcome.configPath });
  } catch (error) {
    if (error instanceof CliError) return { ok: false, capability, message: `${error.code}: ${error.message}` };
    throw error;
  }
  try {
    const result = await wired.runtime.callTool(capability, { [resolved.lookup_arg]: resolved.sample_id });
    const envelope = (result.structuredContent ?? {}) as { ok?: boolean; error?: { code?: string } };
    return envelope.ok
      ? { ok: true, capability, message: `read ${resolved.sample_id}: ok (evidence recorded)` }
      : { ok: false, capability, message: `read ${resolved.sample_id}: ${envelope.error?.code ?? 'failed'}` };
  } finally {
    await wired.runtime.close();
  }
}

/** The post-init steps of `onboard db`; doctor runs last and never decides the exit code. */
export async function verifyGenerated(io: CliIo, outcome: InitOutcome): Promise<OnboardSteps> {
  const validation = await validateConfigFile(io, outcome.configPath);
  const boundary = await boundaryReport(validation.config ?? outcome.generation.normalized!, 'both');
  const smoke = await smokeCall(io, outcome);
  const doctor = (await runDoctor(io, { config: outcome.configPath }, io.env, {})).checks;
  const lines = [
    ...formatIssues(validation),
    `boundary: ${boundary.ok ? 'PASS' : 'FAIL'}`,
    ...formatChecks(boundary.checks).filter((line) => line.startsWith('FAIL')).map((line) => `  ${line}`),
    smoke === null ? 'smoke call: skipped (pass --sample-id <id> to try one read)' : `smoke call ${smoke.capability}: ${smoke.ok === null ? smoke.message : smoke.ok ? `PASS ${smoke.message}` : `FAIL ${smoke.message}`}`,
    'doctor (reported, not fatal):',
    ...renderChecks(doctor).map((line) => `  ${line}`),
  ];
  return { validation: { ok: validation.ok, errors: validation.errors, warnings: validation.warnings }, boundary: { ok: boundary.ok, checks: boundary.checks }, smoke, doctor, lines };
}
