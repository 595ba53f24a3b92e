import type { Check } from '../ports/index.js';
import { findSecretMaterial } from '../guards/index.js';

export interface DoctorSummary {
  ok: boolean;
  counts: Record<Check['status'], number>;
}

export function summarizeChecks(checks: readonly Check[]): DoctorSummary {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status] += 1;
  return { ok: counts.fail === 0, counts };
}

/** Human lines: `PASS id  message` plus an indented fix. */
export function renderChecks(checks: readonly Check[]): string[] {
  const lines: string[] = [];
  const width = Math.max(...checks.map((check) => check.id.length), 10) + 2;
  for (const check of checks) {
    lines.push(`${check.status.toUpperCase().padEnd(5)}${check.id.padEnd(width)}${check.message}`);
    if (check.fix && check.status !== 'pass') lines.push(`${' '.repeat(5 + width)}fix: ${check.fix}`);
  }
  const { counts } = summarizeChecks(checks);
  lines.push('', `${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.skip} skip`);
  return lines;
}

const REDACTED = '[redacted]';

/** Masks anything that still looks like credential material (defence in depth). */
function redact(text: string): string {
  return findSecretMaterial(text) ? text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, REDACTED).replace(/bearer \S+/gi, `Bearer ${REDACTED}`) : text;
}

/**
 * `doctor --report`: a markdown report of the checks. It carries only check ids, statuses,
 * messages and fixes (env names, never values), and masks anything URL- or token-like.
 */
export function renderDoctorMarkdown(checks: readonly Check[], meta: { config_path: string; generated_at: string; version: string }): string {
  const { ok, counts } = summarizeChecks(checks);
  const cell = (text: string | null) => redact(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Synapsor Runner doctor report',
    '',
    `- result: ${ok ? 'ok' : 'failing'} (${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.skip} skip)`,
    `- config: \`${redact(meta.config_path)}\``,
    `- generated: ${meta.generated_at} by synapsor-runner ${meta.version}`,
    '- secrets: env vars are named only; no value is included in this report',
    '',
    '| status | check | message | fix |',
    '| --- | --- | --- | --- |',
    ...checks.map((check) => `| ${check.status} | \`${check.id}\` | ${cell(check.message)} | ${cell(check.fix)} |`),
    '',
  ];
  return lines.join('\n');
}
