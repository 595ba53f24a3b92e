import { SynapsorError } from '../errors/index.js';
import { sha256Hex } from '../hashing/index.js';
import type { AliasMode } from '../runtime/types.js';

const MAX_ALIAS_LENGTH = 64;
const hash8 = (canonical: string): string => sha256Hex(canonical).slice(0, 8);

/** Rule 5's form: first 55 chars + `_` + 8 hex of sha256(canonical). */
function hashedAlias(base: string, canonical: string): string {
  return `${base.slice(0, 55)}_${hash8(canonical)}`;
}

/** Rules 1–5 of the alias algorithm (mcp.md); returns the alias and the rule-5 fallback. */
export function baseAlias(canonical: string): { alias: string; hashed: string } {
  const cleaned = canonical
    .replace(/[^A-Za-z0-9_-]+/g, '__')
    .replace(/_{3,}/g, '__')
    .replace(/^_+|_+$/g, '');
  if (cleaned === '') {
    // An empty base has no characters to keep, so its collision form is the rule-4 name hashed again.
    const alias = `tool_${hash8(canonical)}`;
    return { alias, hashed: hashedAlias(alias, canonical) };
  }
  const hashed = hashedAlias(cleaned, canonical);
  return { alias: cleaned.length > MAX_ALIAS_LENGTH ? hashed : cleaned, hashed };
}

export interface ExposedName {
  canonical: string;
  name: string;
  style: 'canonical' | 'openai';
}

/**
 * Exposed names for the capabilities in config order: canonical first in mode `both`.
 * Rule 6: an alias equal to a taken name falls back to the hashed form; if that is taken too
 * the runner refuses to start (`TOOL_NAME_COLLISION`).
 */
export function exposedNames(canonicalNames: readonly string[], aliasMode: AliasMode): ExposedName[][] {
  const taken = new Set<string>(aliasMode === 'both' ? canonicalNames : []);
  return canonicalNames.map((canonical) => {
    const names: ExposedName[] = [];
    if (aliasMode !== 'openai') names.push({ canonical, name: canonical, style: 'canonical' });
    if (aliasMode === 'canonical') return names;
    const { alias, hashed } = baseAlias(canonical);
    let chosen = alias;
    if (taken.has(chosen)) chosen = hashed;
    if (taken.has(chosen)) {
      throw new SynapsorError('TOOL_NAME_COLLISION', `tool name for ${canonical} collides with another exposed name`);
    }
    taken.add(chosen);
    names.push({ canonical, name: chosen, style: 'openai' });
    return names;
  });
}
