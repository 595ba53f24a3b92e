import { formatPath, type PathSegment } from './path.js';
import { messageFor } from './messages.js';
import { compareDocumentOrder } from './document-order.js';

/** One validation finding; `path` is JSONPath-like (`$.capabilities[1].args.tenant_id`). */
export interface Issue {
  path: string;
  code: string;
  message: string;
}

export type Severity = 'error' | 'warning';

/** Issue before formatting: raw path segments so it can be sorted in document order. */
export interface RawIssue {
  path: readonly PathSegment[];
  code: string;
  severity: Severity;
  /** Overrides the table message, e.g. to name the env var involved (never a value). */
  message?: string;
  /** Nothing below this path is worth reporting (e.g. an array where an object belongs). */
  masksBelow?: boolean;
}

export type Report = (
  path: readonly PathSegment[],
  code: string,
  severity?: Severity,
  message?: string,
  masksBelow?: boolean,
) => void;

export function collector(): { issues: RawIssue[]; report: Report } {
  const issues: RawIssue[] = [];
  const report: Report = (path, code, severity = 'error', message, masksBelow) => {
    issues.push({ path, code, severity, ...(message === undefined ? {} : { message }), ...(masksBelow ? { masksBelow } : {}) });
  };
  return { issues, report };
}

const isStrictPrefix = (prefix: readonly PathSegment[], path: readonly PathSegment[]) =>
  prefix.length < path.length && prefix.every((segment, i) => segment === path[i]);

/** Drops follow-on noise below masking issues (valibot walks an array as a map of "0", "1", …). */
function unmasked(issues: readonly RawIssue[]): RawIssue[] {
  const masks = issues.filter((i) => i.masksBelow).map((i) => i.path);
  return issues.filter((issue) => !masks.some((mask) => isStrictPrefix(mask, issue.path)));
}

/** Drops exact duplicates (same path, code, severity) that two checks may both find. */
function dedupe(issues: readonly RawIssue[]): RawIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.path, issue.code, issue.severity]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Splits into errors/warnings, each sorted stably in document order of `root`. */
export function finaliseIssues(root: unknown, issues: readonly RawIssue[]): { errors: Issue[]; warnings: Issue[] } {
  const sorted = dedupe(unmasked(issues))
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => compareDocumentOrder(root, a.issue.path, b.issue.path) || a.index - b.index)
    .map(({ issue }) => issue);
  const format = (issue: RawIssue): Issue => ({
    path: formatPath(issue.path),
    code: issue.code,
    message: issue.message ?? messageFor(issue.code),
  });
  return {
    errors: sorted.filter((i) => i.severity === 'error').map(format),
    warnings: sorted.filter((i) => i.severity === 'warning').map(format),
  };
}
