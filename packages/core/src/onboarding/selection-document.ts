import * as v from 'valibot';
import type { InitSelection } from './types.js';

/*
 * Answers files (`init --answers`) and selection specs (`init --spec`, the `spec` block of a
 * recipe) share one shape: the `InitSelection` keys in snake_case, plus the spellings the flags
 * and recipes use (`tenant_column`, `id_arg`, `from_env`, `approval.required_role`). Unknown keys
 * are rejected (README conventions) so a typo never silently falls back to a default.
 */
const name = v.pipe(v.string(), v.minLength(1));
const names = v.array(name);
const scalar = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const binding = v.union([v.strictObject({ fixed: scalar }), v.strictObject({ from_arg: name })]);
const argSpec = v.strictObject({
  type: v.picklist(['string', 'number', 'boolean']),
  description: v.optional(v.string()),
  max_length: v.optional(v.number()),
  minimum: v.optional(v.number()),
  maximum: v.optional(v.number()),
  enum: v.optional(v.array(v.union([v.string(), v.number(), v.boolean()]))),
});
const bound = v.strictObject({ minimum: v.optional(v.number()), maximum: v.optional(v.number()) });
const guard = v.strictObject({ from_column: v.optional(name), allowed: v.record(v.string(), names) });

const SelectionDocumentSchema = v.strictObject({
  engine: v.optional(v.picklist(['postgres', 'mysql'])),
  mode: v.optional(v.picklist(['read_only', 'shadow', 'review'])),
  source_name: v.optional(name),
  from_env: v.optional(name),
  read_url_env: v.optional(name),
  write_url_env: v.optional(name),
  schema: v.optional(name),
  table: v.optional(name),
  primary_key: v.optional(name),
  tenant_key: v.optional(name),
  tenant_column: v.optional(name),
  single_tenant_dev: v.optional(v.boolean()),
  conflict_column: v.optional(name),
  bump: v.optional(v.picklist(['now', 'increment', 'none'])),
  visible_columns: v.optional(names),
  allowed_columns: v.optional(names),
  namespace: v.optional(name),
  object_name: v.optional(name),
  lookup_arg: v.optional(name),
  id_arg: v.optional(name),
  read_tool: v.optional(name),
  proposal_tool: v.optional(name),
  read_description: v.optional(name),
  proposal_description: v.optional(name),
  read_returns_hint: v.optional(name),
  proposal_returns_hint: v.optional(name),
  patch: v.optional(v.record(v.string(), binding)),
  patch_args: v.optional(v.record(v.string(), argSpec)),
  numeric_bounds: v.optional(v.record(v.string(), bound)),
  transition_guards: v.optional(v.record(v.string(), guard)),
  tenant_env: v.optional(name),
  principal_env: v.optional(name),
  approval_role: v.optional(name),
  expires_after: v.optional(name),
  approval: v.optional(v.strictObject({ required_role: v.optional(name), expires_after: v.optional(name), mode: v.optional(v.literal('human')) })),
  writeback: v.optional(v.picklist(['sql_update', 'http_handler', 'command_handler'])),
  executor_name: v.optional(name),
  handler_url_env: v.optional(name),
  handler_token_env: v.optional(name),
  handler_signing_secret_env: v.optional(name),
  handler_command_env: v.optional(name),
  handler_timeout_ms: v.optional(v.number()),
  sample_id: v.optional(name),
});

type SelectionDocument = v.InferOutput<typeof SelectionDocumentSchema>;

export type SelectionParse = { ok: true; selection: InitSelection } | { ok: false; errors: string[] };

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.') || '(root)';
}

/** Drops `undefined` so a later layer's absent key never hides an earlier layer's value. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function toSelection(doc: SelectionDocument): InitSelection {
  const { from_env, tenant_column, id_arg, approval, ...rest } = doc;
  return compact({
    ...rest,
    read_url_env: rest.read_url_env ?? from_env,
    tenant_key: rest.tenant_key ?? tenant_column,
    lookup_arg: rest.lookup_arg ?? id_arg,
    approval_role: rest.approval_role ?? approval?.required_role,
    expires_after: rest.expires_after ?? approval?.expires_after,
  }) as InitSelection;
}

/** Parses an answers/spec document; errors name the offending key, never its value. */
export function parseSelectionDocument(json: unknown): SelectionParse {
  // valibot's object schemas accept arrays; a selection is always a JSON object.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, errors: ['(root): expected a JSON object'] };
  const parsed = v.safeParse(SelectionDocumentSchema, json);
  if (!parsed.success) {
    const errors = parsed.issues.map((issue) => `${pathOf(issue)}: ${issue.kind === 'schema' && issue.expected === 'never' ? 'unknown key' : `expected ${issue.expected ?? 'a valid value'}`}`);
    return { ok: false, errors: [...new Set(errors)] };
  }
  return { ok: true, selection: toSelection(parsed.output) };
}

/** Later layers win key by key (recipe < spec < answers < flags). */
export function mergeSelections(...layers: Array<InitSelection | undefined>): InitSelection {
  return Object.assign({}, ...layers.filter(Boolean).map((layer) => compact(layer!))) as InitSelection;
}
