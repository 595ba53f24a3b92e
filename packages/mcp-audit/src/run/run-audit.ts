import { basename } from 'node:path';
import { AuditUsageError } from '../errors.js';
import { listHttpTools, parseServerUrl } from '../live/http.js';
import { splitCommandLine } from '../live/argv.js';
import { listStdioTools, type LiveOptions } from '../live/stdio.js';
import { isClientConfig } from '../loaders/client-config.js';
import { loadExample } from '../loaders/example.js';
import { defaultReadFile, readJsonFile } from '../loaders/read-json.js';
import { compileRunnerTools, isRunnerConfig } from '../loaders/runner-config.js';
import { makeFinding } from '../rules/finding.js';
import type { AuditOptions, AuditReport } from '../types.js';
import { auditClientConfig } from './client-config.js';
import { buildReport, type TargetResult } from './report.js';
import { auditLiveServer, auditManifest, withNoToolsFinding } from './tool-source.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
const TARGET_FLAGS = ['example', 'file', 'mcpConfig', 'stdio', 'url'] as const;
const FLAG_NAMES: Record<(typeof TARGET_FLAGS)[number], string> = {
  example: '--example',
  file: '<file>',
  mcpConfig: '--mcp-config',
  stdio: '--stdio',
  url: '--url',
};

function liveOptions(options: AuditOptions): LiveOptions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new AuditUsageError('--timeout-ms must be a positive integer');
  }
  return { timeoutMs, clientVersion: options.clientVersion ?? '0.0.0' };
}

function clientOptions(options: AuditOptions) {
  return { ...liveOptions(options), noSpawn: options.noSpawn === true, env: options.env ?? process.env };
}

async function auditFile(path: string, options: AuditOptions): Promise<TargetResult> {
  const json = await readJsonFile(path, options.readFile ?? defaultReadFile);
  if (isRunnerConfig(json)) return auditManifest({ tools: compileRunnerTools(json) });
  if (isClientConfig(json)) return auditClientConfig(json, clientOptions(options));
  return auditManifest(json);
}

async function auditMcpConfig(path: string, options: AuditOptions): Promise<TargetResult> {
  const json = await readJsonFile(path, options.readFile ?? defaultReadFile);
  return auditClientConfig(json, clientOptions(options));
}

async function auditStdio(command: string, options: AuditOptions): Promise<{ target: string; result: TargetResult }> {
  const argv = splitCommandLine(command);
  // Arguments are left out of the target: they may hold secrets.
  const target = `stdio:${basename(argv[0]!)}`;
  const live = liveOptions(options);
  const result = await auditLiveServer(target, () => listStdioTools(argv, options.env ?? process.env, live));
  return { target, result };
}

async function auditUrl(raw: string, options: AuditOptions): Promise<{ target: string; result: TargetResult }> {
  const { connect, target } = parseServerUrl(raw);
  const live = liveOptions(options);
  const result = await auditLiveServer(target, () => listHttpTools(connect, options.bearer, live));
  if (options.bearer !== undefined || result.listed === 0) return { target, result };
  const open = makeFinding('HTTP_ENDPOINT_UNAUTHENTICATED', {}, `${target} answered initialize and tools/list without credentials.`, [
    { path: '$', detail: 'no Authorization header was sent' },
  ]);
  return { target, result: { ...result, ranked: [...result.ranked, open] } };
}

/** Runs one audit target (exactly one of example, file, mcpConfig, stdio, url). */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const given = TARGET_FLAGS.filter((flag) => options[flag] !== undefined);
  if (given.length !== 1) {
    const detail = given.length === 0 ? 'none was given' : `got ${given.map((flag) => FLAG_NAMES[flag]).join(', ')}`;
    throw new AuditUsageError(`audit needs exactly one target (--example, <file>, --mcp-config, --stdio or --url); ${detail}`);
  }
  if (options.example !== undefined) {
    const target = `example:${options.example}`;
    return buildReport({ target, target_kind: 'example' }, withNoToolsFinding(auditManifest(loadExample(options.example)), target));
  }
  if (options.file !== undefined || options.mcpConfig !== undefined) {
    const path = (options.file ?? options.mcpConfig)!;
    const result = options.file !== undefined ? await auditFile(path, options) : await auditMcpConfig(path, options);
    const kind = options.file !== undefined ? 'file' : 'mcp-config';
    return buildReport({ target: path, target_kind: kind, artifact_path: path }, withNoToolsFinding(result, path));
  }
  const { target, result } =
    options.stdio !== undefined ? await auditStdio(options.stdio, options) : await auditUrl(options.url!, options);
  return buildReport({ target, target_kind: options.stdio !== undefined ? 'stdio' : 'url' }, withNoToolsFinding(result, target));
}

/** Audits an in-memory tools/list result (used by `tools preview` for the runner's own tools). */
export function auditToolDescriptors(
  tools: readonly unknown[],
  options: { server?: string; target?: string } = {},
): AuditReport {
  const target = options.target ?? 'tools/list';
  return buildReport({ target, target_kind: 'tools' }, withNoToolsFinding(auditManifest({ tools: [...tools] }, options.server), target));
}
