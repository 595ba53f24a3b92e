import { RULES, type RuleCode } from '../rules/catalog.js';
import type { AuditReport, Finding, Severity } from '../types.js';
import type { RenderOptions } from './common.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note' };

/** The path as given, with forward slashes; characters invalid in a URI reference are percent-encoded. */
export const artifactUri = (path: string): string => encodeURI(path.replace(/\\/g, '/'));

function locationsOf(finding: Finding, report: AuditReport) {
  const physical =
    report.artifact_path === undefined
      ? {}
      : { physicalLocation: { artifactLocation: { uri: artifactUri(report.artifact_path) } } };
  const logical =
    finding.tool === undefined
      ? {}
      : {
          logicalLocations: [
            {
              name: finding.tool,
              fullyQualifiedName: finding.server === undefined ? finding.tool : `${finding.server}/${finding.tool}`,
              kind: 'function',
            },
          ],
        };
  const location = { ...physical, ...logical };
  return Object.keys(location).length === 0 ? {} : { locations: [location] };
}

export function toSarif(report: AuditReport, options: RenderOptions) {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort() as RuleCode[];
  const rules = codes.map((code) => ({
    id: code,
    shortDescription: { text: RULES[code].title },
    help: { text: RULES[code].recommendation },
    defaultConfiguration: { level: LEVEL[RULES[code].severity] },
    properties: { severity: RULES[code].severity },
  }));
  const results = report.findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: codes.indexOf(finding.code as RuleCode),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    ...locationsOf(finding, report),
    properties: {
      severity: finding.severity,
      ...(finding.server === undefined ? {} : { server: finding.server }),
      ...(finding.tool === undefined ? {} : { tool: finding.tool }),
      evidence: finding.evidence,
    },
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'synapsor-runner-audit', version: options.version, rules } },
        invocations: [{ executionSuccessful: report.errors.length === 0 }],
        results,
      },
    ],
  };
}

export function renderSarif(report: AuditReport, options: RenderOptions): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
