/** Public record types of the audit (audit.md "Finding" and json output). */

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';
export type OverallRisk = Severity | 'none';
export type FailOn = 'high' | 'medium' | 'low';
export type AuditFormat = 'text' | 'json' | 'markdown' | 'sarif';

export interface Evidence {
  path: string;
  detail: string;
}

export interface Finding {
  severity: Severity;
  code: string;
  server?: string;
  tool?: string;
  message: string;
  evidence: Evidence[];
  recommendation: string;
}

export interface TargetError {
  server: string;
  reason: string;
}

export interface AuditSummary {
  servers_inspected: number;
  tools_inspected: number;
  high: number;
  medium: number;
  low: number;
  total_findings: number;
  overall_risk: OverallRisk;
}

export type TargetKind = 'example' | 'file' | 'mcp-config' | 'stdio' | 'url' | 'tools';

export interface AuditReport {
  /** `example:dangerous-db-mcp`, the file path as given, `stdio:<program>`, or the cleaned URL. */
  target: string;
  target_kind: TargetKind;
  /** Present for file and client-config targets: SARIF `artifactLocation.uri`. */
  artifact_path?: string;
  findings: Finding[];
  errors: TargetError[];
  summary: AuditSummary;
  /** Non-fatal notes for stderr (skipped nameless tools, page limit); never rendered into a format. */
  warnings: string[];
}

export interface AuditOptions {
  example?: string;
  file?: string;
  mcpConfig?: string;
  stdio?: string;
  url?: string;
  noSpawn?: boolean;
  /** Per live server, from spawn/connect to the end of tools/list. Default 10000. */
  timeoutMs?: number;
  /** Bearer value already resolved by the caller from `--bearer-env`. */
  bearer?: string;
  /** Parent environment for spawned servers (default `process.env`). */
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => Promise<string>;
  /** Reported as `clientInfo.version` in `initialize`. */
  clientVersion?: string;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
