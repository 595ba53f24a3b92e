import type { Classification } from '../classify/classifiers.js';
import type { WordHit } from '../classify/words.js';
import type { AuditTool, ToolProperty } from '../manifest/tool-model.js';
import { childPath } from '../json-path.js';
import type { Evidence } from '../types.js';
import type { RuleCode } from './catalog.js';

export interface ToolHit {
  code: RuleCode;
  message: string;
  evidence: Evidence[];
}

/** A per-tool rule: returns a hit or nothing. */
export type ToolRule = (tool: AuditTool, c: Classification) => ToolHit | undefined;

export function propertiesIn(tool: AuditTool, tokens: ReadonlySet<string>): ToolProperty[] {
  return tool.properties.filter((property) => tokens.has(property.token));
}

export function propertyEvidence(properties: readonly ToolProperty[]): Evidence[] {
  return properties.map((property) => ({ path: property.path, detail: `input property "${property.name}"` }));
}

export const quotedNames = (properties: readonly ToolProperty[]): string =>
  properties.map((property) => `"${property.name}"`).join(', ');

export function wordEvidence(hits: readonly WordHit[]): Evidence[] {
  return hits.map((hit) => ({ path: hit.field.path, detail: `${hit.field.label} contains "${hit.word}"` }));
}

/** Why a tool counts as `writeLike`: annotations first, then write verbs. */
export function writeEvidence(tool: AuditTool, c: Classification): Evidence[] {
  const hints = tool.annotations ?? {};
  const out: Evidence[] = [];
  if (hints['destructiveHint'] === true) {
    out.push({ path: childPath(tool.annotationsPath, 'destructiveHint'), detail: 'destructiveHint is true' });
  }
  if (hints['readOnlyHint'] === false) {
    out.push({ path: childPath(tool.annotationsPath, 'readOnlyHint'), detail: 'readOnlyHint is false' });
  }
  return [...out, ...wordEvidence(c.writeVerbs)];
}

/** A property-list rule: fires when the tool (optionally gated) has any of the listed inputs. */
export function propertyRule(
  code: RuleCode,
  tokens: ReadonlySet<string>,
  describe: (tool: AuditTool, names: string) => string,
  gate: (c: Classification) => boolean = () => true,
): ToolRule {
  return (tool, c) => {
    if (!gate(c)) return undefined;
    const found = propertiesIn(tool, tokens);
    if (found.length === 0) return undefined;
    return { code, message: describe(tool, quotedNames(found)), evidence: propertyEvidence(found) };
  };
}
