import type { CodeCase } from './case-types.js';
import { CAP1, httpExecutor } from './helpers.js';

type Cap = Record<string, any>;
const onProposal = (change: (p: Cap) => void) => (c: Record<string, any>) => change(c.capabilities[1]);
const tg = `${CAP1}.transition_guards`;
const guard = (g: unknown) => onProposal((p) => { p.transition_guards = { waiver_reason: g }; });

export const PROPOSAL_CASES: CodeCase[] = [
  { title: 'patch empty', code: 'PATCH_REQUIRED', path: `${CAP1}.patch`, mutate: onProposal((p) => { p.patch = {}; }) },
  { title: 'patch missing', code: 'PATCH_REQUIRED', path: `${CAP1}.patch`, mutate: onProposal((p) => { delete p.patch; }) },
  { title: 'patch column bad', code: 'INVALID_PATCH_COLUMN', path: `${CAP1}.patch["late fee"]`, mutate: onProposal((p) => { p.patch['late fee'] = { fixed: 1 }; }) },
  { title: 'binding scalar', code: 'PATCH_BINDING_NOT_OBJECT', path: `${CAP1}.patch.late_fee_cents`, mutate: onProposal((p) => { p.patch.late_fee_cents = 0; }) },
  {
    title: 'binding with both keys',
    code: 'INVALID_PATCH_BINDING',
    path: `${CAP1}.patch.late_fee_cents`,
    mutate: onProposal((p) => { p.patch.late_fee_cents = { fixed: 0, from_arg: 'reason' }; }),
  },
  { title: 'binding empty', code: 'INVALID_PATCH_BINDING', path: `${CAP1}.patch.late_fee_cents`, mutate: onProposal((p) => { p.patch.late_fee_cents = {}; }) },
  {
    title: 'fixed object',
    code: 'INVALID_PATCH_BINDING',
    path: `${CAP1}.patch.late_fee_cents.fixed`,
    mutate: onProposal((p) => { p.patch.late_fee_cents = { fixed: { cents: 0 } }; }),
  },
  {
    title: 'from_arg unknown',
    code: 'INVALID_PATCH_ARG',
    path: `${CAP1}.patch.waiver_reason.from_arg`,
    mutate: onProposal((p) => { p.patch.waiver_reason = { from_arg: 'note' }; }),
  },
  {
    title: 'patch column not visible',
    code: 'PATCH_COLUMN_NOT_VISIBLE',
    path: `${CAP1}.patch.waiver_reason`,
    warning: true,
    mutate: onProposal((p) => { p.visible_columns = ['id', 'status']; }),
  },
  { title: 'allowed empty', code: 'ALLOWED_COLUMNS_REQUIRED', path: `${CAP1}.allowed_columns`, mutate: onProposal((p) => { p.allowed_columns = []; }) },
  {
    title: 'allowed column bad',
    code: 'INVALID_ALLOWED_COLUMN',
    path: `${CAP1}.allowed_columns[2]`,
    mutate: onProposal((p) => { p.allowed_columns.push('x"y'); }),
  },
  {
    title: 'patch column outside allowed_columns',
    code: 'PATCH_COLUMN_NOT_ALLOWED',
    path: `${CAP1}.patch.waiver_reason`,
    mutate: onProposal((p) => { p.allowed_columns = ['late_fee_cents']; }),
  },
  ...(['id', 'tenant_id', 'updated_at'] as const).map(
    (column): CodeCase => ({
      title: `protected column ${column} allowed`,
      code: 'PROTECTED_COLUMN_ALLOWED',
      path: `${CAP1}.allowed_columns[2]`,
      mutate: onProposal((p) => { p.allowed_columns.push(column); }),
    }),
  ),
  { title: 'numeric_bounds number', code: 'NUMERIC_BOUNDS_NOT_OBJECT', path: `${CAP1}.numeric_bounds`, mutate: onProposal((p) => { p.numeric_bounds = 5; }) },
  {
    title: 'numeric bound number',
    code: 'NUMERIC_BOUND_NOT_OBJECT',
    path: `${CAP1}.numeric_bounds.late_fee_cents`,
    mutate: onProposal((p) => { p.numeric_bounds = { late_fee_cents: 5 }; }),
  },
  {
    title: 'numeric bound column bad',
    code: 'INVALID_NUMERIC_BOUND_COLUMN',
    path: `${CAP1}.numeric_bounds["fee-x"]`,
    mutate: onProposal((p) => { p.numeric_bounds = { 'fee-x': { minimum: 0 } }; }),
  },
  {
    title: 'numeric bound on non-patch column',
    code: 'NUMERIC_BOUND_PATCH_COLUMN_REQUIRED',
    path: `${CAP1}.numeric_bounds.balance_cents`,
    mutate: onProposal((p) => { p.numeric_bounds = { balance_cents: { minimum: 0 } }; }),
  },
  {
    title: 'numeric bound empty',
    code: 'NUMERIC_BOUND_EMPTY',
    path: `${CAP1}.numeric_bounds.late_fee_cents`,
    mutate: onProposal((p) => { p.numeric_bounds = { late_fee_cents: {} }; }),
  },
  {
    title: 'numeric bound min string',
    code: 'INVALID_MINIMUM',
    path: `${CAP1}.numeric_bounds.late_fee_cents.minimum`,
    mutate: onProposal((p) => { p.numeric_bounds = { late_fee_cents: { minimum: 'zero' } }; }),
  },
  {
    title: 'numeric bound max string',
    code: 'INVALID_MAXIMUM',
    path: `${CAP1}.numeric_bounds.late_fee_cents.maximum`,
    mutate: onProposal((p) => { p.numeric_bounds = { late_fee_cents: { maximum: null } }; }),
  },
  {
    title: 'numeric bound min > max',
    code: 'INVALID_NUMERIC_RANGE',
    path: `${CAP1}.numeric_bounds.late_fee_cents`,
    mutate: onProposal((p) => { p.numeric_bounds = { late_fee_cents: { minimum: 100, maximum: 1 } }; }),
  },
  { title: 'transition_guards array', code: 'TRANSITION_GUARDS_NOT_OBJECT', path: tg, mutate: onProposal((p) => { p.transition_guards = [1]; }) },
  { title: 'transition guard string', code: 'TRANSITION_GUARD_NOT_OBJECT', path: `${tg}.waiver_reason`, mutate: guard('open') },
  {
    title: 'transition guard column bad',
    code: 'INVALID_TRANSITION_GUARD_COLUMN',
    path: `${tg}["wai ver"]`,
    mutate: onProposal((p) => { p.transition_guards = { 'wai ver': { allowed: { a: ['b'] } } }; }),
  },
  {
    title: 'from_column bad',
    code: 'INVALID_TRANSITION_FROM_COLUMN',
    path: `${tg}.waiver_reason.from_column`,
    mutate: guard({ from_column: 'st-atus', allowed: { a: ['b'] } }),
  },
  {
    title: 'transition on non-patch column',
    code: 'TRANSITION_PATCH_COLUMN_REQUIRED',
    path: `${tg}.status`,
    mutate: onProposal((p) => { p.transition_guards = { status: { allowed: { open: ['closed'] } } }; }),
  },
  {
    title: 'from_column not visible',
    code: 'TRANSITION_FROM_COLUMN_NOT_VISIBLE',
    path: `${tg}.waiver_reason.from_column`,
    mutate: guard({ from_column: 'internal_state', allowed: { a: ['b'] } }),
  },
  {
    title: 'guarded column not visible (default from_column)',
    code: 'TRANSITION_FROM_COLUMN_NOT_VISIBLE',
    path: `${tg}.waiver_reason`,
    mutate: onProposal((p) => {
      p.visible_columns = ['id', 'late_fee_cents'];
      p.transition_guards = { waiver_reason: { allowed: { a: ['b'] } } };
    }),
  },
  { title: 'allowed missing', code: 'TRANSITION_ALLOWED_REQUIRED', path: `${tg}.waiver_reason.allowed`, mutate: guard({}) },
  { title: 'allowed empty', code: 'TRANSITION_FROM_REQUIRED', path: `${tg}.waiver_reason.allowed`, mutate: guard({ allowed: {} }) },
  { title: 'to-values empty', code: 'TRANSITION_TO_VALUES_REQUIRED', path: `${tg}.waiver_reason.allowed.open`, mutate: guard({ allowed: { open: [] } }) },
  { title: 'to-value number', code: 'TRANSITION_TO_VALUES_REQUIRED', path: `${tg}.waiver_reason.allowed.open[0]`, mutate: guard({ allowed: { open: [1] } }) },
  { title: 'conflict_guard missing', code: 'CONFLICT_GUARD_REQUIRED', path: `${CAP1}.conflict_guard`, mutate: onProposal((p) => { delete p.conflict_guard; }) },
  { title: 'conflict_guard string', code: 'CONFLICT_GUARD_REQUIRED', path: `${CAP1}.conflict_guard`, mutate: onProposal((p) => { p.conflict_guard = 'updated_at'; }) },
  {
    title: 'conflict_guard empty',
    code: 'CONFLICT_GUARD_COLUMN_REQUIRED',
    path: `${CAP1}.conflict_guard.column`,
    mutate: onProposal((p) => { p.conflict_guard = {}; }),
  },
  {
    title: 'conflict column bad',
    code: 'INVALID_CONFLICT_GUARD_COLUMN',
    path: `${CAP1}.conflict_guard.column`,
    mutate: onProposal((p) => { p.conflict_guard = { column: 'updated at' }; }),
  },
  {
    title: 'weak guard',
    code: 'WEAK_CONFLICT_GUARD',
    path: `${CAP1}.conflict_guard.weak_guard_ack`,
    warning: true,
    mutate: onProposal((p) => { p.conflict_guard = { weak_guard_ack: true }; }),
  },
  {
    title: 'bump later',
    code: 'INVALID_CONFLICT_GUARD_BUMP',
    path: `${CAP1}.conflict_guard.bump`,
    mutate: onProposal((p) => { p.conflict_guard.bump = 'later'; }),
  },
  {
    title: 'bump without column',
    code: 'CONFLICT_GUARD_BUMP_REQUIRES_COLUMN',
    path: `${CAP1}.conflict_guard.bump`,
    mutate: onProposal((p) => { p.conflict_guard = { weak_guard_ack: true, bump: 'now' }; }),
  },
  {
    title: 'bump with http executor',
    code: 'BUMP_IGNORED_FOR_EXECUTOR',
    path: `${CAP1}.conflict_guard.bump`,
    warning: true,
    mutate: (c) => {
      c.executors = { billing_api: httpExecutor() };
      c.capabilities[1].executor = 'billing_api';
      c.capabilities[1].conflict_guard.bump = 'now';
    },
  },
  { title: 'approval string', code: 'APPROVAL_NOT_OBJECT', path: `${CAP1}.approval`, mutate: onProposal((p) => { p.approval = 'human'; }) },
  { title: 'approval mode auto', code: 'INVALID_APPROVAL_MODE', path: `${CAP1}.approval.mode`, mutate: onProposal((p) => { p.approval.mode = 'auto'; }) },
  {
    title: 'role with space',
    code: 'INVALID_REQUIRED_ROLE',
    path: `${CAP1}.approval.required_role`,
    mutate: onProposal((p) => { p.approval.required_role = 'billing lead'; }),
  },
  {
    title: 'no required role in review',
    code: 'APPROVAL_ROLE_MISSING',
    path: `${CAP1}.approval.required_role`,
    warning: true,
    mutate: onProposal((p) => { delete p.approval; }),
  },
  ...['30s', '366d', '72', '0h', '1w', 72].map(
    (value): CodeCase => ({
      title: `expires_after ${JSON.stringify(value)}`,
      code: 'INVALID_EXPIRES_AFTER',
      path: `${CAP1}.approval.expires_after`,
      mutate: onProposal((p) => { p.approval.expires_after = value; }),
    }),
  ),
  {
    title: 'sql_update without write_url_env',
    code: 'WRITEBACK_DISABLED',
    path: `${CAP1}.source`,
    warning: true,
    mutate: (c) => { delete c.sources.db.write_url_env; },
  },
  {
    title: 'sql_update on read_only source',
    code: 'READ_ONLY_SOURCE_DIRECT_WRITEBACK',
    path: `${CAP1}.source`,
    mutate: (c) => { c.sources.db.read_only = true; },
  },
];
