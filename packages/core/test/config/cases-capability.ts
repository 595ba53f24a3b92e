import type { CodeCase } from './case-types.js';
import { CAP0, CAP1 } from './helpers.js';

const arg = `${CAP0}.args.invoice_id`;
const setArg = (spec: Record<string, unknown>) => (c: Record<string, any>) => {
  c.capabilities[0].args.invoice_id = spec;
};
const addAmount = (spec: Record<string, unknown>) => (c: Record<string, any>) => {
  c.capabilities[0].args.amount = { type: 'number', required: false, ...spec };
};

export const CAPABILITY_CASES: CodeCase[] = [
  { title: 'name without namespace', code: 'INVALID_CAPABILITY_NAME', path: `${CAP0}.name`, mutate: (c) => { c.capabilities[0].name = 'inspect'; } },
  {
    title: '200-character name',
    code: 'INVALID_CAPABILITY_NAME',
    path: `${CAP0}.name`,
    mutate: (c) => { c.capabilities[0].name = `billing.${'x'.repeat(192)}`; },
  },
  { title: 'kind write', code: 'INVALID_CAPABILITY_KIND', path: `${CAP0}.kind`, mutate: (c) => { c.capabilities[0].kind = 'write'; } },
  { title: 'empty description', code: 'INVALID_CAPABILITY_DESCRIPTION', path: `${CAP0}.description`, mutate: (c) => { c.capabilities[0].description = ''; } },
  {
    title: 'description over 1000',
    code: 'INVALID_CAPABILITY_DESCRIPTION',
    path: `${CAP0}.description`,
    mutate: (c) => { c.capabilities[0].description = 'd'.repeat(1001); },
  },
  { title: 'returns_hint over 500', code: 'INVALID_RETURNS_HINT', path: `${CAP0}.returns_hint`, mutate: (c) => { c.capabilities[0].returns_hint = 'r'.repeat(501); } },
  { title: 'unknown source', code: 'UNKNOWN_SOURCE', path: `${CAP0}.source`, mutate: (c) => { c.capabilities[0].source = 'other'; } },
  { title: 'unknown context', code: 'UNKNOWN_CONTEXT', path: `${CAP0}.context`, mutate: (c) => { c.capabilities[0].context = 'agent'; } },
  { title: 'unknown executor', code: 'UNKNOWN_EXECUTOR', path: `${CAP1}.executor`, mutate: (c) => { c.capabilities[1].executor = 'billing_api'; } },
  {
    title: 'executor on a read',
    code: 'INVALID_EXECUTOR_REFERENCE',
    path: `${CAP0}.executor`,
    mutate: (c) => { c.capabilities[0].executor = 'sql_update'; },
  },
  {
    title: 'patch on a read',
    code: 'PROPOSAL_FIELD_ON_READ',
    path: `${CAP0}.patch`,
    mutate: (c) => { c.capabilities[0].patch = { status: { fixed: 'x' } }; },
  },
  { title: 'target missing', code: 'TARGET_REQUIRED', path: `${CAP0}.target`, mutate: (c) => { delete c.capabilities[0].target; } },
  { title: 'target.schema missing', code: 'TARGET_REQUIRED', path: `${CAP0}.target.schema`, mutate: (c) => { delete c.capabilities[0].target.schema; } },
  {
    title: 'table with injection',
    code: 'INVALID_TARGET_IDENTIFIER',
    path: `${CAP0}.target.table`,
    mutate: (c) => { c.capabilities[0].target.table = 'invoices; DROP TABLE t'; },
  },
  { title: 'no tenant_key', code: 'TENANT_GUARD_REQUIRED', path: `${CAP0}.target.tenant_key`, mutate: (c) => { delete c.capabilities[0].target.tenant_key; } },
  {
    title: 'tenant_key and single_tenant_dev',
    code: 'INVALID_TENANT_GUARD',
    path: `${CAP0}.target.single_tenant_dev`,
    mutate: (c) => { c.capabilities[0].target.single_tenant_dev = true; },
  },
  {
    title: 'single_tenant_dev',
    code: 'SINGLE_TENANT_DEV_EXCEPTION',
    path: `${CAP0}.target.single_tenant_dev`,
    warning: true,
    mutate: (c) => { delete c.capabilities[0].target.tenant_key; c.capabilities[0].target.single_tenant_dev = true; },
  },
  { title: 'args empty', code: 'ARGS_REQUIRED', path: `${CAP0}.args`, mutate: (c) => { c.capabilities[0].args = {}; } },
  { title: 'arg spec string', code: 'ARG_NOT_OBJECT', path: arg, mutate: setArg('string' as never) },
  {
    title: 'arg name with dash',
    code: 'INVALID_ARG_NAME',
    path: `${CAP0}.args["invoice-no"]`,
    mutate: (c) => { c.capabilities[0].args['invoice-no'] = { type: 'string', required: false, max_length: 9 }; },
  },
  {
    title: 'reserved arg name',
    code: 'MODEL_CONTROLLED_RESERVED_ARG',
    path: `${CAP0}.args.tenant_id`,
    mutate: (c) => { c.capabilities[0].args.tenant_id = { type: 'string', max_length: 9 }; },
  },
  { title: 'arg type date', code: 'INVALID_ARG_TYPE', path: `${arg}.type`, mutate: setArg({ type: 'date' }) },
  { title: 'arg type missing', code: 'INVALID_ARG_TYPE', path: `${arg}.type`, mutate: setArg({ max_length: 5 }) },
  { title: 'empty arg description', code: 'INVALID_ARG_DESCRIPTION', path: `${arg}.description`, mutate: setArg({ type: 'string', max_length: 5, description: '' }) },
  { title: 'required string', code: 'INVALID_ARG_REQUIRED', path: `${arg}.required`, mutate: setArg({ type: 'string', max_length: 5, required: 'yes' }) },
  { title: 'max_length 0', code: 'INVALID_MAX_LENGTH', path: `${arg}.max_length`, mutate: setArg({ type: 'string', max_length: 0 }) },
  { title: 'max_length on number', code: 'INVALID_MAX_LENGTH', path: `${CAP0}.args.amount.max_length`, mutate: addAmount({ max_length: 5 }) },
  { title: 'unbounded string', code: 'UNBOUNDED_STRING_ARG', path: arg, warning: true, mutate: setArg({ type: 'string' }) },
  { title: 'minimum string', code: 'INVALID_MINIMUM', path: `${CAP0}.args.amount.minimum`, mutate: addAmount({ minimum: '0' }) },
  { title: 'maximum string', code: 'INVALID_MAXIMUM', path: `${CAP0}.args.amount.maximum`, mutate: addAmount({ maximum: '9' }) },
  { title: 'arg min > max', code: 'INVALID_NUMERIC_RANGE', path: `${CAP0}.args.amount`, mutate: addAmount({ minimum: 10, maximum: 1 }) },
  {
    title: 'minimum on string arg',
    code: 'NUMERIC_BOUNDS_REQUIRE_NUMBER',
    path: `${arg}.minimum`,
    mutate: setArg({ type: 'string', max_length: 5, minimum: 1 }),
  },
  { title: 'enum empty', code: 'INVALID_ARG_ENUM', path: `${arg}.enum`, mutate: setArg({ type: 'string', enum: [] }) },
  { title: 'enum duplicate', code: 'INVALID_ARG_ENUM', path: `${arg}.enum[1]`, mutate: setArg({ type: 'string', enum: ['a', 'a'] }) },
  { title: 'enum wrong type', code: 'INVALID_ARG_ENUM', path: `${arg}.enum[1]`, mutate: setArg({ type: 'string', enum: ['a', 1] }) },
  { title: 'lookup missing', code: 'LOOKUP_REQUIRED', path: `${CAP0}.lookup`, mutate: (c) => { delete c.capabilities[0].lookup; } },
  { title: 'lookup arg missing', code: 'LOOKUP_ARG_REQUIRED', path: `${CAP0}.lookup.id_from_arg`, mutate: (c) => { c.capabilities[0].lookup = {}; } },
  {
    title: 'lookup arg unknown',
    code: 'LOOKUP_ARG_UNKNOWN',
    path: `${CAP0}.lookup.id_from_arg`,
    mutate: (c) => { c.capabilities[0].lookup.id_from_arg = 'id'; },
  },
  {
    title: 'lookup arg optional',
    code: 'LOOKUP_ARG_MUST_BE_REQUIRED',
    path: `${CAP0}.lookup.id_from_arg`,
    mutate: setArg({ type: 'string', max_length: 5, required: false }),
  },
  { title: 'visible empty', code: 'VISIBLE_COLUMNS_REQUIRED', path: `${CAP0}.visible_columns`, mutate: (c) => { c.capabilities[0].visible_columns = []; } },
  {
    title: 'visible column bad',
    code: 'INVALID_VISIBLE_COLUMN',
    path: `${CAP0}.visible_columns[1]`,
    mutate: (c) => { c.capabilities[0].visible_columns = ['id', 'st atus']; },
  },
  {
    title: 'visible column duplicate',
    code: 'INVALID_VISIBLE_COLUMN',
    path: `${CAP0}.visible_columns[2]`,
    mutate: (c) => { c.capabilities[0].visible_columns = ['id', 'status', 'id']; },
  },
  { title: 'evidence number', code: 'INVALID_EVIDENCE_MODE', path: `${CAP0}.evidence`, mutate: (c) => { c.capabilities[0].evidence = 1; } },
  { title: 'max_rows 0', code: 'INVALID_MAX_ROWS', path: `${CAP0}.max_rows`, mutate: (c) => { c.capabilities[0].max_rows = 0; } },
  { title: 'max_rows 5', code: 'MAX_ROWS_NOT_ONE', path: `${CAP0}.max_rows`, warning: true, mutate: (c) => { c.capabilities[0].max_rows = 5; } },
  { title: 'unknown capability field', code: 'UNKNOWN_FIELD', path: `${CAP0}.target.owner`, mutate: (c) => { c.capabilities[0].target.owner = 'x'; } },
];
