import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary: CLI tests always run it as a child process (root `pnpm test` builds first). */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
export const REFERENCE_DIR = fileURLToPath(new URL('../../../../examples/reference-support-billing-app/', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean env: no developer SYNAPSOR_* or database variables leak into a test. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('SYNAPSOR_') && !key.startsWith('REFERENCE_')) env[key] = value;
  }
  env.NO_COLOR = '1';
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Runs the CLI to completion; stdin is an empty pipe (never a TTY). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: options.env ?? baseEnv(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A long-running CLI child (servers); the caller stops it with `stop()`. */
export function startCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: options.env ?? baseEnv(), stdio: 'pipe' });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    exited,
    /** Resolves once stderr contains `text` (startup lines), or rejects when the child exits first. */
    waitForStderr(text: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (stderr.includes(text)) {
            child.stderr!.off('data', check);
            resolve();
          }
        };
        child.stderr!.on('data', check);
        void exited.then(() => (stderr.includes(text) ? resolve() : reject(new Error(`exited before "${text}": ${stderr}`))));
        check();
      });
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function tempDir(prefix = 'synapsor-cli-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Secret-looking material that must never appear in any output. */
export function assertNoSecrets(text: string, secrets: string[] = []): void {
  const found = [/postgres(ql)?:\/\//i, /mysql:\/\//i, /mariadb:\/\//i].filter((pattern) => pattern.test(text)).map(String);
  for (const secret of secrets) if (secret && text.includes(secret)) found.push('a secret value');
  if (found.length > 0) throw new Error(`output contains secret material: ${found.join(', ')}`);
}
