import { canonicalJson } from '../hashing/index.js';
import type { JsonValue } from '../records/index.js';

/** Markdown building blocks shared by the ledger exports (replay, evidence, query audit). */

/** One table cell or bullet value: strings as-is, the rest as canonical JSON, pipes and newlines escaped. */
export function markdownCell(value: JsonValue | undefined): string {
  const text = value === undefined ? '' : typeof value === 'string' ? value : canonicalJson(value);
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function markdownTable(headers: string[], rows: Array<Array<JsonValue | undefined>>): string[] {
  if (rows.length === 0) return ['_None recorded._'];
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}

export function markdownBullets(entries: Array<[string, JsonValue | undefined]>): string[] {
  return entries.map(([label, value]) => `- ${label}: ${markdownCell(value ?? null)}`);
}

/** A fenced block whose fence is longer than any backtick run inside, so the text cannot close it. */
export function markdownCode(text: string, language = ''): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text, fence];
}

/** `# title`, then `## section` blocks in order, then the closing `> Note:` line. */
export function markdownDocument(title: string, sections: Array<[string, string[]]>, note: string): string {
  const lines = [`# ${title}`, ''];
  for (const [heading, body] of sections) lines.push(`## ${heading}`, '', ...body, '');
  lines.push(`> Note: ${note}`, '');
  return lines.join('\n');
}
