import { parseClientConfig } from '../loaders/client-config.js';
import { listStdioTools, type LiveOptions } from '../live/stdio.js';
import { auditClientEntry } from '../rules/client.js';
import { emptyResult, mergeResults, type TargetResult } from './report.js';
import { auditLiveServer } from './tool-source.js';

export interface ClientConfigOptions extends LiveOptions {
  noSpawn: boolean;
  env: Record<string, string | undefined>;
}

/**
 * Client rules on every entry; then each stdio entry is spawned (its `env` over the parent
 * environment) and audited live, unless noSpawn. URL entries get client rules only.
 */
export async function auditClientConfig(json: unknown, options: ClientConfigOptions): Promise<TargetResult> {
  const entries = parseClientConfig(json);
  const clientFindings = { ...emptyResult(), ranked: entries.flatMap(auditClientEntry) };
  const spawnable = options.noSpawn ? [] : entries.filter((entry) => entry.command !== undefined);
  const live = await Promise.all(
    spawnable.map((entry) =>
      auditLiveServer(
        entry.name,
        () => listStdioTools([entry.command!, ...entry.args], { ...options.env, ...entry.env }, options),
        entry.name,
      ),
    ),
  );
  return { ...mergeResults([clientFindings, ...live]), servers: entries.length };
}
