import { fileURLToPath } from 'node:url';
import type { AuditReport, RenderOptions } from '@synapsor/mcp-audit';

export const RENDER: RenderOptions = { version: '0.1.0', generatedAt: '2026-06-20T14:31:08.123Z' };
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** An in-memory `readFile` so tests do not depend on the working directory. */
export function memoryFiles(files: Record<string, unknown>): (path: string) => Promise<string> {
  return async (path) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return typeof content === 'string' ? content : JSON.stringify(content);
  };
}

/** `CODE tool` (or `CODE server`) per finding, in report order. */
export const findingKeys = (report: AuditReport): string[] =>
  report.findings.map((f) => [f.code, f.server, f.tool].filter((part) => part !== undefined).join(' '));

export const codesOf = (report: AuditReport): string[] => report.findings.map((f) => f.code);

/** A single-tool tools/list entry with all metadata present, so only the rule under test fires. */
export function cleanTool(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'billing.inspect_invoice',
    description: 'Look up one invoice by invoice id.',
    inputSchema: { type: 'object', properties: { invoice_id: { type: 'string' } } },
    outputSchema: { type: 'object' },
    annotations: { readOnlyHint: true, destructiveHint: false },
    examples: [{ invoice_id: 'INV-1' }],
    ...overrides,
  };
}

export const withProperties = (names: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  cleanTool({
    inputSchema: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) },
    ...overrides,
  });
