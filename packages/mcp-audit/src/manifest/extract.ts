import { AuditUsageError } from '../errors.js';
import { childPath, isRecord } from '../json-path.js';
import { normaliseTool, type AuditTool } from './tool-model.js';

export interface ExtractedTools {
  tools: AuditTool[];
  warnings: string[];
}

const MAX_DEPTH = 8;
const DESCEND_KEYS = ['result', 'data', 'adapter', 'server', 'manifest'];
const SERVER_MAP_KEYS = ['mcpServers', 'servers'];

class Collector {
  readonly tools: AuditTool[] = [];
  readonly warnings: string[] = [];

  addArray(list: unknown, path: string, server?: string): void {
    if (!Array.isArray(list)) {
      throw new AuditUsageError(`malformed manifest at ${path}: expected an array of tools`);
    }
    list.forEach((raw, index) => {
      const itemPath = childPath(path, index);
      const tool = normaliseTool(raw, itemPath, this.tools.length, server);
      if (tool === undefined) {
        this.warnings.push(`skipped the tool at ${itemPath}: it has no name, tool_name or toolName`);
      } else {
        this.tools.push(tool);
      }
    });
  }

  /** Nested scan: collects every `tools` array below the allowed keys; map keys become `server`. */
  scan(node: unknown, path: string, depth: number, server?: string): void {
    if (depth > MAX_DEPTH || !isRecord(node)) return;
    if (node['tools'] !== undefined) this.addArray(node['tools'], childPath(path, 'tools'), server);
    for (const key of DESCEND_KEYS) this.scan(node[key], childPath(path, key), depth + 1, server);
    for (const key of SERVER_MAP_KEYS) {
      const map = node[key];
      const mapPath = childPath(path, key);
      if (Array.isArray(map)) {
        map.forEach((entry, index) => this.scan(entry, childPath(mapPath, index), depth + 1, server));
      } else if (isRecord(map)) {
        for (const [name, entry] of Object.entries(map)) {
          this.scan(entry, childPath(mapPath, name), depth + 1, name);
        }
      }
    }
  }
}

/** Finds the tool descriptors in any accepted manifest shape (bare array, `{tools}`, nested). */
export function extractTools(root: unknown, server?: string): ExtractedTools {
  const collector = new Collector();
  if (Array.isArray(root)) {
    collector.addArray(root, '$', server);
  } else if (isRecord(root)) {
    collector.scan(root, '$', 0, server);
  } else {
    throw new AuditUsageError('malformed manifest at $: expected a JSON object or array');
  }
  return { tools: collector.tools, warnings: collector.warnings };
}
