import type { Evidence, Finding } from '../types.js';
import { SEVERITY_RANK } from '../types.js';
import { RULES, type RuleCode } from './catalog.js';

/** A finding plus the input position of its tool, used only for sorting. */
export interface RankedFinding {
  finding: Finding;
  order: number;
}

export function makeFinding(
  code: RuleCode,
  scope: { server?: string | undefined; tool?: string | undefined; order?: number },
  message: string,
  evidence: Evidence[],
): RankedFinding {
  const rule = RULES[code];
  return {
    order: scope.order ?? -1,
    finding: {
      severity: rule.severity,
      code,
      ...(scope.server === undefined ? {} : { server: scope.server }),
      ...(scope.tool === undefined ? {} : { tool: scope.tool }),
      message,
      evidence,
      recommendation: rule.recommendation,
    },
  };
}

const compareText = (a: string | undefined, b: string | undefined): number => {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
};

/** De-duplicates on severity + code + server + tool (merging evidence) and sorts HIGH → LOW, server, tool order, code. */
export function finaliseFindings(ranked: readonly RankedFinding[]): Finding[] {
  const byKey = new Map<string, RankedFinding>();
  for (const item of ranked) {
    const { severity, code, server, tool } = item.finding;
    const key = JSON.stringify([severity, code, server ?? null, tool ?? null]);
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { order: item.order, finding: { ...item.finding, evidence: [...item.finding.evidence] } });
      continue;
    }
    for (const evidence of item.finding.evidence) {
      const seen = existing.finding.evidence.some((e) => e.path === evidence.path && e.detail === evidence.detail);
      if (!seen) existing.finding.evidence.push(evidence);
    }
  }
  return [...byKey.values()]
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        compareText(a.finding.server, b.finding.server) ||
        a.order - b.order ||
        compareText(a.finding.code, b.finding.code),
    )
    .map((item) => item.finding);
}
