import { SynapsorError } from '../errors/index.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeMap(existing: Json, snippet: Json, key: string): void {
  if (!isObject(snippet[key])) return;
  const current = existing[key];
  if (current !== undefined && !isObject(current)) {
    throw new SynapsorError('CLIENT_CONFIG_INVALID', `the existing file's "${key}" is not an object`);
  }
  existing[key] = { ...(current ?? {}), ...snippet[key] };
}

function mergeInputs(existing: Json, snippet: Json): void {
  if (!Array.isArray(snippet.inputs)) return;
  const current = existing.inputs;
  if (current !== undefined && !Array.isArray(current)) throw new SynapsorError('CLIENT_CONFIG_INVALID', 'the existing file\'s "inputs" is not an array');
  const list = [...((current as unknown[] | undefined) ?? [])];
  for (const input of snippet.inputs as Json[]) {
    const at = list.findIndex((entry) => isObject(entry) && entry.id === input.id);
    if (at === -1) list.push(input);
    else list[at] = input;
  }
  existing.inputs = list;
}

/**
 * Merges a client snippet into the client's existing file (`mcpServers` for Claude Desktop and
 * Cursor, `servers` + `inputs` for VS Code): our entries are added or replaced by name, every
 * other key and server is kept. A generic-stdio snippet (a bare launch entry) replaces the file.
 */
export function mergeClientConfig(existing: unknown, snippet: Json): Json {
  if (!('mcpServers' in snippet) && !('servers' in snippet)) return structuredClone(snippet);
  if (existing !== undefined && !isObject(existing)) throw new SynapsorError('CLIENT_CONFIG_INVALID', 'the existing file is not a JSON object');
  const merged: Json = structuredClone(existing ?? {});
  mergeMap(merged, snippet, 'mcpServers');
  mergeInputs(merged, snippet);
  mergeMap(merged, snippet, 'servers');
  return merged;
}
