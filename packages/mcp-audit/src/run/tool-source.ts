import { AuditUsageError } from '../errors.js';
import { LiveServerError } from '../live/live-error.js';
import type { ListedTools } from '../live/session.js';
import { MAX_PAGES } from '../live/session.js';
import { extractTools } from '../manifest/extract.js';
import { auditToolList, noToolsFound } from '../rules/audit-tools.js';
import { emptyResult, type TargetResult } from './report.js';

/** Tool rules over a parsed manifest (or tools/list result); throws AuditUsageError when malformed. */
export function auditManifest(json: unknown, server?: string): TargetResult {
  const { tools, warnings } = extractTools(json, server);
  const servers = new Set(tools.map((tool) => tool.server ?? '')).size;
  return {
    ranked: auditToolList(tools),
    errors: [],
    warnings,
    servers: Math.max(servers, 1),
    tools: tools.length,
    listed: 1,
  };
}

/** Adds NO_TOOLS_FOUND when at least one tool list was read and all of them were empty. */
export function withNoToolsFinding(result: TargetResult, target: string): TargetResult {
  if (result.tools > 0 || result.listed === 0) return result;
  return { ...result, ranked: [...result.ranked, noToolsFound(target)] };
}

/**
 * Lists one live server and audits its tools. Failures become report errors (exit 2), so a
 * multi-server client config still reports the servers that answered.
 */
export async function auditLiveServer(
  errorName: string,
  list: () => Promise<ListedTools>,
  server?: string,
): Promise<TargetResult> {
  let listed: ListedTools;
  try {
    listed = await list();
  } catch (error) {
    if (!(error instanceof LiveServerError)) throw error;
    return { ...emptyResult(), errors: [{ server: errorName, reason: error.message }] };
  }
  let result: TargetResult;
  try {
    result = auditManifest({ tools: listed.tools }, server);
  } catch (error) {
    if (!(error instanceof AuditUsageError)) throw error;
    const reason = `tools/list returned ${error.message.replace(/^malformed manifest/, 'a malformed tool')}`;
    return { ...emptyResult(), errors: [{ server: errorName, reason }] };
  }
  const warnings = listed.truncated
    ? [...result.warnings, `${errorName}: stopped after ${MAX_PAGES} tools/list pages`]
    : result.warnings;
  return { ...result, warnings, servers: 1 };
}
