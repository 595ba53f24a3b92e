import { GENERATED_SCHEMA_REF } from './defaults.js';
import type { PatchArgInput, ResolvedSelection } from './types.js';

type Json = Record<string, unknown>;

const withOptional = (value: Json, extra: Record<string, unknown>): Json => ({
  ...value,
  ...Object.fromEntries(Object.entries(extra).filter(([, item]) => item !== null && item !== undefined)),
});

function target(r: ResolvedSelection): Json {
  return withOptional(
    { schema: r.schema, table: r.table, primary_key: r.primary_key },
    r.tenant_key ? { tenant_key: r.tenant_key } : { single_tenant_dev: true },
  );
}

function lookupArg(r: ResolvedSelection): Json {
  return { type: 'string', description: `${r.object_name.replace(/_/g, ' ')} id.`, required: true, max_length: 128 };
}

function argSpec(spec: PatchArgInput): Json {
  return withOptional({ type: spec.type }, { description: spec.description, max_length: spec.max_length, minimum: spec.minimum, maximum: spec.maximum, enum: spec.enum });
}

function common(r: ResolvedSelection, kind: 'read' | 'proposal'): Json {
  return withOptional(
    { name: kind === 'read' ? r.read_tool : r.proposal_tool, kind },
    {
      description: kind === 'read' ? r.read_description : r.proposal_description,
      returns_hint: kind === 'read' ? r.read_returns_hint : r.proposal_returns_hint,
    },
  );
}

function readCapability(r: ResolvedSelection): Json {
  return {
    ...common(r, 'read'),
    source: r.source_name,
    target: target(r),
    args: { [r.lookup_arg]: lookupArg(r) },
    lookup: { id_from_arg: r.lookup_arg },
    visible_columns: r.visible_columns,
    evidence: 'required',
    max_rows: 1,
  };
}

function conflictGuard(r: ResolvedSelection): Json {
  if (r.conflict_column === null) return { weak_guard_ack: true };
  return withOptional({ column: r.conflict_column }, { bump: r.bump });
}

function proposalCapability(r: ResolvedSelection): Json {
  const args: Json = { [r.lookup_arg]: lookupArg(r) };
  for (const [name, spec] of Object.entries(r.patch_args)) args[name] = argSpec(spec);
  return withOptional(
    {
      ...common(r, 'proposal'),
      source: r.source_name,
      ...(r.writeback === 'sql_update' ? {} : { executor: r.executor_name }),
      target: target(r),
      args,
      lookup: { id_from_arg: r.lookup_arg },
      visible_columns: r.visible_columns,
      evidence: 'required',
      max_rows: 1,
      patch: r.patch,
      allowed_columns: r.allowed_columns,
    },
    {
      numeric_bounds: Object.keys(r.numeric_bounds).length > 0 ? r.numeric_bounds : null,
      transition_guards: Object.keys(r.transition_guards).length > 0 ? r.transition_guards : null,
      conflict_guard: conflictGuard(r),
      approval: withOptional({ mode: 'human', required_role: r.approval_role }, { expires_after: r.expires_after }),
    },
  );
}

function executors(r: ResolvedSelection): Json | null {
  if (r.mode === 'read_only' || r.writeback === 'sql_update') return null;
  const executor =
    r.writeback === 'http_handler'
      ? {
          type: 'http_handler',
          url_env: r.handler_url_env,
          method: 'POST',
          auth: { type: 'bearer_env', token_env: r.handler_token_env },
          signing_secret_env: r.handler_signing_secret_env,
        }
      : { type: 'command_handler', command_env: r.handler_command_env };
  return { [r.executor_name]: withOptional(executor, { timeout_ms: r.handler_timeout_ms }) };
}

/**
 * The `synapsor.runner.json` document for a resolved selection: one source, an environment
 * trusted context, a read capability and (unless `read_only`) one proposal capability. The
 * caller validates it with `validateConfig` before anything is written.
 */
export function buildInitConfig(r: ResolvedSelection): Json {
  const source = withOptional({ engine: r.engine, read_url_env: r.read_url_env }, { write_url_env: r.write_url_env });
  const capabilities = r.mode === 'read_only' ? [readCapability(r)] : [readCapability(r), proposalCapability(r)];
  return withOptional(
    {
      $schema: GENERATED_SCHEMA_REF,
      version: 1,
      mode: r.mode,
      sources: { [r.source_name]: source },
      trusted_context: { provider: 'environment', values: { tenant_id_env: r.tenant_env, principal_env: r.principal_env } },
    },
    { executors: executors(r), capabilities },
  );
}
