import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { assertNoLiveLease } from '@synapsor/store-sqlite';
import { refusalsAsFailures } from '../support/errors.js';
import { DEMO_PRINCIPAL, DEMO_TENANT, REFERENCE } from './reference.js';

export interface DemoWorkspace {
  dir: string;
  /** `./.synapsor/demo`-style path for printed commands. */
  shownDir: string;
  configPath: string;
  storePath: string;
  pgDataDir: string;
  envFilePath: string;
}

export function demoWorkspace(cwd: string, dir = '.synapsor/demo'): DemoWorkspace {
  const absolute = resolve(cwd, dir);
  const shown = relative(cwd, absolute) || '.';
  return {
    dir: absolute,
    shownDir: shown === '.' || shown.startsWith('../') || isAbsolute(shown) ? shown : `./${shown}`,
    configPath: join(absolute, 'synapsor.runner.json'),
    storePath: join(absolute, 'local.db'),
    pgDataDir: join(absolute, 'pgdata'),
    envFilePath: join(absolute, 'runner.env'),
  };
}

/**
 * Fresh folder (mode 0700) with the reference config. A previous demo folder is replaced,
 * unless a server still holds its ledger lease (`STORE_IN_USE`).
 */
export async function prepareWorkspace(workspace: DemoWorkspace, notice: (text: string) => void): Promise<void> {
  if (existsSync(workspace.dir)) {
    await refusalsAsFailures(async () => assertNoLiveLease(workspace.storePath));
    notice(`replacing the previous demo folder ${workspace.shownDir}`);
    await rm(workspace.dir, { recursive: true, force: true });
  }
  await mkdir(workspace.dir, { recursive: true, mode: 0o700 });
  await writeFile(workspace.configPath, `${JSON.stringify(REFERENCE.config, null, 2)}\n`);
}

/**
 * Env of the demo: two distinct URLs (`application_name=reader|writer`) because the embedded
 * server has a single database user; a real deployment uses two roles (examples.md).
 */
export function demoEnv(url: (application: string) => string): Record<string, string> {
  return {
    [REFERENCE.readUrlEnv]: url('reader'),
    [REFERENCE.writeUrlEnv]: url('writer'),
    SYNAPSOR_TENANT_ID: DEMO_TENANT,
    SYNAPSOR_PRINCIPAL: DEMO_PRINCIPAL,
  };
}

/** `--keep`: the env goes into a 0600 env file so no URL is ever printed. */
export async function writeEnvFile(workspace: DemoWorkspace, env: Record<string, string>): Promise<void> {
  const text = Object.entries(env).map(([key, value]) => `${key}=${value}`).join('\n');
  await writeFile(workspace.envFilePath, `${text}\n`, { mode: 0o600 });
  await chmod(workspace.envFilePath, 0o600);
}

/** Removes the demo folder, and its `.synapsor` parent too when the demo left it empty. */
export async function removeWorkspace(workspace: DemoWorkspace): Promise<void> {
  await rm(workspace.dir, { recursive: true, force: true });
  await rmdir(dirname(workspace.dir)).catch(() => undefined);
}
