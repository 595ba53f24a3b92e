import { validateConfig, type RunnerConfig } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';
import { CliError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { startEmbeddedPostgres, embeddedUrl, type EmbeddedPostgres } from './embedded-postgres.js';
import { startDemoClient, type DemoClient } from './mcp-client.js';
import { DemoOutput } from './output.js';
import { DEMO_DB_PORT, REFERENCE } from './reference.js';
import type { DemoState } from './state.js';
import { stepInspect, stepPropose, stepTenant, stepTools, stepUnchanged } from './steps-model.js';
import { stepApply, stepApprove, stepConflict, stepReplay } from './steps-review.js';
import { demoEnv, demoWorkspace, prepareWorkspace, removeWorkspace, writeEnvFile, type DemoWorkspace } from './workspace.js';

export interface DemoOptions {
  keep: boolean;
  json: boolean;
  version: string;
}

export type DemoSummary = DemoState['summary'] & {
  ok: boolean;
  duration_ms: number;
  kept_at: string | null;
  failures: string[];
};

const STEPS = [stepTools, stepInspect, stepPropose, stepUnchanged, stepApprove, stepApply, stepConflict, stepTenant, stepReplay];

function referenceConfig(): RunnerConfig {
  const result = validateConfig(REFERENCE.config);
  if (!result.ok || !result.config) throw new CliError('DEMO_CONFIG_INVALID', 'the bundled reference config does not validate');
  return result.config;
}

async function runSteps(state: DemoState): Promise<void> {
  for (const step of STEPS) {
    try {
      await step(state);
    } catch (error) {
      // A thrown step cannot be compared to its expected result; later steps depend on it.
      const name = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
      state.failures.push(`step failed: ${name}`);
      state.out.line(`UNEXPECTED: step failed (${name})`);
      return;
    }
    await state.out.pause();
  }
}

function keptLines(workspace: DemoWorkspace): string[] {
  const dir = workspace.shownDir;
  return [
    '',
    `kept: ${dir} (data, config, ledger, runner.env)`,
    'continue with:',
    `  synapsor-runner demo db --data-dir ${dir}            # serves the kept data on 127.0.0.1:${DEMO_DB_PORT}`,
    `  set -a; . ${dir}/runner.env; set +a                 # exports ${REFERENCE.readUrlEnv}, ${REFERENCE.writeUrlEnv}, SYNAPSOR_TENANT_ID, SYNAPSOR_PRINCIPAL`,
    `  synapsor-runner mcp serve --config ${dir}/synapsor.runner.json --store ${dir}/local.db --env-file ${dir}/runner.env`,
    'client snippet (generic stdio):',
    `  {"command": "synapsor-runner", "args": ["mcp", "serve", "--config", "${dir}/synapsor.runner.json", "--store", "${dir}/local.db", "--env-file", "${dir}/runner.env"]}`,
  ];
}

/** The 9-step demo of cli.md: embedded PostgreSQL, a real `mcp serve` child, review and apply. */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const out = new DemoOutput(io, { json: options.json, interactive: io.stdinIsTty && io.stdoutIsTty && !options.json });
  const workspace = demoWorkspace(io.cwd);
  const config = referenceConfig();
  await prepareWorkspace(workspace, (text) => out.progress(text));
  let pg: EmbeddedPostgres | undefined;
  let client: DemoClient | undefined;
  const store = await openSqliteStore({ path: workspace.storePath });
  const summary: DemoState['summary'] = { applied: 0, already_applied: 0, conflict: 0, cross_tenant_refused: false, proposal_id: null, conflict_proposal_id: null, evidence_id: null };
  const failures: string[] = [];
  try {
    out.progress('starting embedded PostgreSQL (PGlite) on a random loopback port…');
    pg = await startEmbeddedPostgres(options.keep ? { dataDir: workspace.pgDataDir } : {});
    await pg.exec(REFERENCE.schemaSql);
    await pg.exec(REFERENCE.seedSql);
    const env = demoEnv(pg.url);
    out.progress('the embedded server has one database user, so reader and writer use two distinct URLs (application_name=reader|writer); a real deployment uses two roles');
    out.progress(`starting \`mcp serve\` as a child process (tenant ${env.SYNAPSOR_TENANT_ID}, principal ${env.SYNAPSOR_PRINCIPAL})…`);
    client = await startDemoClient({ configPath: workspace.configPath, storePath: workspace.storePath, env, version: options.version });
    await runSteps({ pg, client, store, config, env, out, summary, failures });
  } catch (error) {
    const name = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
    failures.push(`demo setup failed: ${name}`);
    if (client) out.progress(client.stderr());
  } finally {
    await client?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
  }
  if (options.keep) {
    const port = DEMO_DB_PORT;
    await writeEnvFile(workspace, demoEnv((application) => embeddedUrl(port, application)));
    for (const line of keptLines(workspace)) out.line(line);
  } else await removeWorkspace(workspace);
  return { ok: failures.length === 0, ...summary, duration_ms: Date.now() - started, kept_at: options.keep ? workspace.shownDir : null, failures };
}
