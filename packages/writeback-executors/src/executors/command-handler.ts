import { spawn } from 'node:child_process';
import { isSynapsorError } from '@synapsor/core';
import type { ExecutorContext, WritebackExecutor, WritebackJob } from '@synapsor/core';
import { splitCommandLine } from './argv.js';
import { buildHandlerRequest, serializeHandlerRequest } from './handler-request.js';
import { parseHandlerReceipt } from './handler-receipt.js';
import { failedOutcome, receiptingExecutor, type AttemptOutcome } from './receipt.js';
import { redactText, secretValues } from './redact.js';
import { DEFAULT_HANDLER_TIMEOUT_MS, MAX_RESPONSE_BYTES, type CommandHandlerSettings, type EnvMap } from './settings.js';

const BASE_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ'] as const;
const KILL_GRACE_MS = 2000;
const MAX_STDERR_CHARS = 500;

/** Only the allowlisted variables: the child never sees the runner's own secrets. */
export function childEnvironment(settings: CommandHandlerSettings, env: EnvMap, job: WritebackJob): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...BASE_ENV, ...(settings.pass_env ?? [])]) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  out.SYNAPSOR_WRITEBACK_JOB_ID = job.writeback_job_id;
  out.SYNAPSOR_PROPOSAL_ID = job.proposal_id;
  out.SYNAPSOR_IDEMPOTENCY_KEY = job.idempotency_key;
  out.SYNAPSOR_ATTEMPT = String(job.attempt);
  return out;
}

function lastNonEmptyLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.at(-1) ?? '';
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

interface ChildResult {
  stdout: string;
  overflow: boolean;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  spawnFailed: boolean;
}

function runChild(argv: string[], env: Record<string, string>, input: Buffer, timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let overflow = false;
    let stderr = '';
    let timedOut = false;
    let spawnFailed = false;
    let killTimer: NodeJS.Timeout | undefined;
    // detached: the child leads its own process group, so a timeout reaches its children too.
    const child = spawn(argv[0]!, argv.slice(1), { shell: false, detached: true, env, cwd: process.cwd(), stdio: 'pipe' });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes + chunk.length > MAX_RESPONSE_BYTES) overflow = true;
      else out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_CHARS * 4) stderr += chunk.toString('utf8');
    });
    // A handler that exits without reading stdin must not crash the runner with EPIPE.
    child.stdin.on('error', () => undefined);
    child.on('error', () => {
      spawnFailed = true;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), overflow, stderr, code, signal, timedOut, spawnFailed });
    });
    child.stdin.end(Buffer.concat([input, Buffer.from('\n')]));
  });
}

/** `command_handler`: the request on stdin of a local process, its receipt on the last stdout line. */
export function createCommandHandlerExecutor(
  settings: CommandHandlerSettings & { name: string },
  env: EnvMap,
): WritebackExecutor {
  const timeoutMs = settings.timeout_ms ?? DEFAULT_HANDLER_TIMEOUT_MS;

  async function run(job: WritebackJob, context: ExecutorContext): Promise<AttemptOutcome> {
    const line = env[settings.command_env];
    if (!line) return failedOutcome('HANDLER_COMMAND_MISSING');
    let argv: string[];
    try {
      argv = splitCommandLine(line);
    } catch (error) {
      return failedOutcome(isSynapsorError(error) ? error.code : 'HANDLER_COMMAND_INVALID');
    }
    const childEnv = childEnvironment(settings, env, job);
    const secrets = secretValues(env, [settings.command_env, ...(settings.pass_env ?? [])]);
    const body = serializeHandlerRequest(buildHandlerRequest(job, context));
    const result = await runChild(argv, childEnv, body, timeoutMs);
    const stderr = { stderr: redactText(result.stderr, secrets).slice(0, MAX_STDERR_CHARS) };
    if (result.spawnFailed) return failedOutcome('HANDLER_REQUEST_FAILED');
    if (result.timedOut) return failedOutcome('HANDLER_TIMEOUT', stderr);
    if (result.signal) return failedOutcome('HANDLER_EXIT_SIGNAL', stderr);
    if (result.code !== 0) return failedOutcome(`HANDLER_EXIT_${result.code ?? 'SIGNAL'}`, stderr);
    if (result.overflow) return failedOutcome('HANDLER_INVALID_JSON', stderr);
    return parseHandlerReceipt(lastNonEmptyLine(result.stdout), { dryRun: context.dryRun, secrets });
  }

  return receiptingExecutor('command_handler', settings.name, run);
}
