import type { PathSegment } from '../path.js';
import type { ProposalCapabilityConfig } from '../types.js';
import type { ConfigView } from './view.js';
import { reportDuplicates } from './duplicates.js';

/** Columns the runner itself guards; they may be read but never be written by a proposal. */
function protectedColumns(c: ProposalCapabilityConfig): Set<string> {
  const cols = [c.target.primary_key, c.target.tenant_key, c.conflict_guard.column];
  return new Set(cols.filter((col): col is string => col !== undefined));
}

function checkPatch(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  const visible = new Set(c.visible_columns);
  const allowed = new Set(c.allowed_columns);
  for (const [column, binding] of Object.entries(c.patch)) {
    const path = [...base, 'patch', column];
    if ('from_arg' in binding && !Object.hasOwn(c.args, binding.from_arg)) view.report([...path, 'from_arg'], 'INVALID_PATCH_ARG');
    if (!allowed.has(column)) view.report(path, 'PATCH_COLUMN_NOT_ALLOWED');
    if (!visible.has(column)) view.report(path, 'PATCH_COLUMN_NOT_VISIBLE', 'warning');
  }
}

function checkAllowedColumns(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  const path = [...base, 'allowed_columns'];
  reportDuplicates(c.allowed_columns, path, 'INVALID_ALLOWED_COLUMN', view);
  const guarded = protectedColumns(c);
  c.allowed_columns.forEach((column, index) => {
    if (guarded.has(column)) view.report([...path, index], 'PROTECTED_COLUMN_ALLOWED');
  });
}

function checkNumericBounds(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  for (const [column, bound] of Object.entries(c.numeric_bounds ?? {})) {
    const path = [...base, 'numeric_bounds', column];
    if (!Object.hasOwn(c.patch, column)) view.report(path, 'NUMERIC_BOUND_PATCH_COLUMN_REQUIRED');
    if (bound.minimum === undefined && bound.maximum === undefined) view.report(path, 'NUMERIC_BOUND_EMPTY');
    else if (bound.minimum !== undefined && bound.maximum !== undefined && bound.minimum > bound.maximum) {
      view.report(path, 'INVALID_NUMERIC_RANGE');
    }
  }
}

function checkTransitionGuards(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  const readable = new Set([...c.visible_columns, ...protectedColumns(c)]);
  for (const [column, guard] of Object.entries(c.transition_guards ?? {})) {
    const path = [...base, 'transition_guards', column];
    if (!Object.hasOwn(c.patch, column)) view.report(path, 'TRANSITION_PATCH_COLUMN_REQUIRED');
    const fromColumn = guard.from_column ?? column;
    if (!readable.has(fromColumn)) {
      const at = guard.from_column === undefined ? path : [...path, 'from_column'];
      view.report(at, 'TRANSITION_FROM_COLUMN_NOT_VISIBLE');
    }
  }
}

function checkConflictGuard(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  const path = [...base, 'conflict_guard'];
  const { column, weak_guard_ack: weak, bump } = c.conflict_guard;
  if (column === undefined && weak !== true) view.report([...path, 'column'], 'CONFLICT_GUARD_COLUMN_REQUIRED');
  else if (column === undefined) view.report([...path, 'weak_guard_ack'], 'WEAK_CONFLICT_GUARD', 'warning');
  if (bump !== undefined && column === undefined) view.report([...path, 'bump'], 'CONFLICT_GUARD_BUMP_REQUIRES_COLUMN');
}

function checkApproval(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  if (view.mode === 'review' && c.approval.required_role === undefined) {
    view.report([...base, 'approval', 'required_role'], 'APPROVAL_ROLE_MISSING', 'warning');
  }
}

export function checkProposal(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  checkPatch(view, c, base);
  checkAllowedColumns(view, c, base);
  checkNumericBounds(view, c, base);
  checkTransitionGuards(view, c, base);
  checkConflictGuard(view, c, base);
  checkApproval(view, c, base);
}
