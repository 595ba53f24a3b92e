import { finaliseFindings, type RankedFinding } from '../rules/finding.js';
import type { AuditReport, AuditSummary, Finding, OverallRisk, TargetError, TargetKind } from '../types.js';

/** What one target contributed before findings are de-duplicated, sorted and counted. */
export interface TargetResult {
  ranked: RankedFinding[];
  errors: TargetError[];
  warnings: string[];
  servers: number;
  tools: number;
  /** Tool lists read successfully (manifests, compiled configs, live servers). */
  listed: number;
}

export const emptyResult = (): TargetResult => ({ ranked: [], errors: [], warnings: [], servers: 0, tools: 0, listed: 0 });

export function mergeResults(results: readonly TargetResult[]): TargetResult {
  return results.reduce(
    (all, one) => ({
      ranked: [...all.ranked, ...one.ranked],
      errors: [...all.errors, ...one.errors],
      warnings: [...all.warnings, ...one.warnings],
      servers: all.servers + one.servers,
      tools: all.tools + one.tools,
      listed: all.listed + one.listed,
    }),
    emptyResult(),
  );
}

function summarise(findings: readonly Finding[], result: TargetResult): AuditSummary {
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  const high = count('HIGH');
  const medium = count('MEDIUM');
  const low = count('LOW');
  const overall_risk: OverallRisk = high > 0 ? 'HIGH' : medium > 0 ? 'MEDIUM' : low > 0 ? 'LOW' : 'none';
  return {
    servers_inspected: result.servers,
    tools_inspected: result.tools,
    high,
    medium,
    low,
    total_findings: findings.length,
    overall_risk,
  };
}

export function buildReport(
  target: { target: string; target_kind: TargetKind; artifact_path?: string },
  result: TargetResult,
): AuditReport {
  const findings = finaliseFindings(result.ranked);
  return {
    ...target,
    findings,
    errors: [...result.errors].sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0)),
    summary: summarise(findings, result),
    warnings: result.warnings,
  };
}
