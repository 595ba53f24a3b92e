import {
  executorTypeOf,
  grantPlanFromConfig,
  isProposalCapability,
  type Check,
  type DoctorProbe,
  type RunnerConfig,
} from '@synapsor/core';
import { closeSourceAdapters, createSourceAdapters, type EnvMap } from './sources.js';

const check = (id: string, status: Check['status'], message: string, fix: string | null = null): Check => ({ id, status, message, fix });
const isSet = (env: EnvMap, name: string) => typeof env[name] === 'string' && env[name] !== '';
const state = (env: EnvMap, name: string) => `${name} ${isSet(env, name) ? 'set' : 'missing'}`;

/** Env-name checks of the writer URL and the read/write credential split, per `sql_update` source. */
function sourceChecks(config: RunnerConfig, env: EnvMap, sourceIds: string[]): Check[] {
  const checks: Check[] = [];
  for (const id of sourceIds) {
    const source = config.sources[id]!;
    const writeEnv = source.write_url_env;
    if (!writeEnv) {
      checks.push(check('write_url_env', 'fail', `source ${id}: no write_url_env`, `add "write_url_env" to sources.${id}`));
      continue;
    }
    checks.push(
      isSet(env, writeEnv)
        ? check('write_url_env', 'pass', `source ${id}: ${state(env, writeEnv)}`)
        : check('write_url_env', 'fail', `source ${id}: ${state(env, writeEnv)}`, `export ${writeEnv}=<writer database URL>`),
    );
    if (!isSet(env, writeEnv) || !isSet(env, source.read_url_env)) {
      checks.push(check('credential_split', 'skip', `source ${id}: needs ${source.read_url_env} and ${writeEnv}`));
    } else if (env[writeEnv] === env[source.read_url_env]) {
      // Values are compared, never shown.
      checks.push(check('credential_split', 'fail', `source ${id}: ${source.read_url_env} and ${writeEnv} hold the same URL`, 'use a read-only role for reads and a separate writer role'));
    } else {
      checks.push(check('credential_split', 'pass', `source ${id}: read and write URLs differ`));
    }
  }
  return checks;
}

/** Env names of the handler executors proposals use; a missing signing secret is a warning. */
function executorChecks(config: RunnerConfig, env: EnvMap): Check[] {
  const used = new Set(config.capabilities.filter(isProposalCapability).map((c) => c.executor).filter((name): name is string => name !== undefined));
  const checks: Check[] = [];
  for (const [name, executor] of Object.entries(config.executors ?? {})) {
    if (!used.has(name) || executor.type === 'sql_update') continue;
    const names = executor.type === 'http_handler' ? [executor.url_env, ...(executor.auth ? [executor.auth.token_env] : [])] : [executor.command_env];
    const missing = names.filter((envName) => !isSet(env, envName));
    checks.push(
      missing.length === 0
        ? check('executor_env', 'pass', `executor ${name}: ${names.map((n) => state(env, n)).join(', ')}`)
        : check('executor_env', 'fail', `executor ${name}: ${names.map((n) => state(env, n)).join(', ')}`, `export ${missing.join(', ')}`),
    );
    if (executor.type === 'http_handler') {
      checks.push(
        executor.signing_secret_env
          ? check('handler_signing', isSet(env, executor.signing_secret_env) ? 'pass' : 'fail', `executor ${name}: ${state(env, executor.signing_secret_env)}`)
          : check('handler_signing', 'warn', `executor ${name}: requests are not signed`, 'set signing_secret_env so the handler can verify the HMAC'),
      );
    }
  }
  return checks;
}

/** Per source: writer connection, receipts table, and a rolled-back UPDATE probe per writable column. */
async function databaseChecks(config: RunnerConfig, env: EnvMap, sourceIds: string[]): Promise<Check[]> {
  const plan = grantPlanFromConfig(config);
  const wanted = Object.fromEntries(Object.entries(config.sources).filter(([id]) => sourceIds.includes(id)));
  const adapters = createSourceAdapters({ ...config, sources: wanted }, env);
  try {
    const checks: Check[] = [];
    for (const id of sourceIds) {
      const probes: DoctorProbe[] = [{ kind: 'writer' }, { kind: 'receipts_table' }];
      for (const target of plan.targets.filter((t) => t.source_id === id)) {
        for (const column of target.writer_update_columns) probes.push({ kind: 'writable_column', schema: target.schema, table: target.table, column });
      }
      const results = await adapters[id]!.doctor(probes);
      checks.push(...results.map((result) => ({ ...result, message: `source ${id}: ${result.message}` })));
    }
    return checks;
  } finally {
    await closeSourceAdapters(adapters);
  }
}

/** The writeback-only subset of `doctor` (cli.md). Only env names and safe messages are reported. */
export async function writebackChecks(config: RunnerConfig, env: EnvMap, checkDb: boolean): Promise<Check[]> {
  const sqlSources = [
    ...new Set(config.capabilities.filter((c) => isProposalCapability(c) && executorTypeOf(config, c) === 'sql_update').map((c) => c.source)),
  ];
  const checks: Check[] = [
    config.mode === 'review'
      ? check('mode', 'pass', 'mode review: approved proposals can be applied')
      : check('mode', 'skip', `mode ${config.mode}: nothing is written back`, 'set "mode": "review" to enable writeback'),
    ...sourceChecks(config, env, sqlSources),
    ...executorChecks(config, env),
  ];
  if (!checkDb) return [...checks, check('writeback_probe', 'skip', 'database probes not run', 'add --check-db')];
  const ready = sqlSources.filter((id) => {
    const writeEnv = config.sources[id]!.write_url_env;
    return writeEnv !== undefined && isSet(env, writeEnv);
  });
  return [...checks, ...(await databaseChecks(config, env, ready))];
}

export function checkLines(checks: Check[]): string[] {
  return checks.flatMap((c) => [`${c.status.toUpperCase().padEnd(4)} ${c.id}: ${c.message}`, ...(c.fix && c.status !== 'pass' ? [`     fix: ${c.fix}`] : [])]);
}
