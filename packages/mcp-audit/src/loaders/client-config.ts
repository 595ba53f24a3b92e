import * as v from 'valibot';
import { AuditUsageError } from '../errors.js';
import { childPath, isRecord } from '../json-path.js';
import { parseAt } from './parse.js';

/** One server entry of an MCP client config (Claude Desktop / Cursor / VS Code). */
export interface ClientEntry {
  name: string;
  path: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  /** `url` or `serverUrl`, whichever holds the URL. */
  urlKey: string;
  headers: Record<string, string>;
  isUrlEntry: boolean;
  /** Entry keys, for bearer references such as `bearer_token_env_var`. */
  keys: string[];
}

const StringMap = v.record(v.string(), v.string());
// Client configs carry many tool-specific keys (disabled, autoApprove, cwd …): extra keys allowed.
const EntrySchema = v.looseObject({
  command: v.optional(v.string()),
  args: v.optional(v.array(v.string())),
  env: v.optional(StringMap),
  url: v.optional(v.string()),
  serverUrl: v.optional(v.string()),
  type: v.optional(v.string()),
  headers: v.optional(StringMap),
});

const URL_TYPES = new Set(['http', 'streamable-http', 'streamable_http', 'streamableHttp', 'sse']);

const isEntryLike = (value: unknown): boolean =>
  isRecord(value) && (typeof value['command'] === 'string' || typeof value['url'] === 'string' || typeof value['serverUrl'] === 'string');

/** The `mcpServers` / `servers` / `mcp.servers` maps that hold command/url entries. */
function serverMaps(json: unknown): { path: string; map: Record<string, unknown> }[] {
  if (!isRecord(json)) return [];
  const mcp = json['mcp'];
  const candidates = [
    { path: '$.mcpServers', map: json['mcpServers'] },
    { path: '$.servers', map: json['servers'] },
    { path: '$.mcp.servers', map: isRecord(mcp) ? mcp['servers'] : undefined },
  ];
  return candidates.flatMap(({ path, map }) =>
    isRecord(map) && Object.values(map).some(isEntryLike) ? [{ path, map }] : [],
  );
}

export function isClientConfig(json: unknown): boolean {
  return serverMaps(json).length > 0;
}

function toEntry(name: string, raw: unknown, path: string): ClientEntry {
  const entry = parseAt(EntrySchema, raw, path, 'client config');
  const url = entry.url ?? entry.serverUrl;
  if (entry.command === undefined && url === undefined) {
    throw new AuditUsageError(`malformed client config at ${path}: expected "command" or "url"`);
  }
  return {
    name,
    path,
    ...(entry.command === undefined ? {} : { command: entry.command }),
    args: entry.args ?? [],
    env: entry.env ?? {},
    ...(url === undefined ? {} : { url }),
    urlKey: entry.url === undefined && entry.serverUrl !== undefined ? 'serverUrl' : 'url',
    headers: entry.headers ?? {},
    isUrlEntry: url !== undefined || (entry.type !== undefined && URL_TYPES.has(entry.type)),
    keys: Object.keys(entry),
  };
}

/** Validates every entry; throws AuditUsageError naming the JSON path of the first problem. */
export function parseClientConfig(json: unknown): ClientEntry[] {
  const maps = serverMaps(json);
  if (maps.length === 0) {
    throw new AuditUsageError('not a client config: expected an mcpServers, servers or mcp.servers map of command/url entries');
  }
  return maps.flatMap(({ path, map }) =>
    Object.entries(map).map(([name, raw]) => toEntry(name, raw, childPath(path, name))),
  );
}
