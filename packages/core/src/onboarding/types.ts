import type { ConfigMode } from '../config/index.js';
import type { Engine } from '../records/index.js';

export type WritebackKind = 'sql_update' | 'http_handler' | 'command_handler';
export type BumpChoice = 'now' | 'increment' | 'none';
export type FixedValue = string | number | boolean | null;
export type PatchBindingInput = { fixed: FixedValue } | { from_arg: string };

/** Arg spec as an answers/spec file may state it (`patch_args`); same fields as config args. */
export interface PatchArgInput {
  type: 'string' | 'number' | 'boolean';
  description?: string;
  max_length?: number;
  minimum?: number;
  maximum?: number;
  enum?: Array<string | number | boolean>;
}

export interface TransitionGuardInput {
  from_column?: string;
  allowed: Record<string, string[]>;
}

/**
 * What a person chose for `init` (flags, answers file, spec file or recipe), before defaults
 * and inspection. Every field is optional; `resolveInitSelection` fills the rest (cli.md init).
 */
export interface InitSelection {
  engine?: Engine;
  mode?: ConfigMode;
  source_name?: string;
  read_url_env?: string;
  write_url_env?: string;
  schema?: string;
  table?: string;
  primary_key?: string;
  tenant_key?: string;
  single_tenant_dev?: boolean;
  conflict_column?: string;
  bump?: BumpChoice;
  visible_columns?: string[];
  allowed_columns?: string[];
  namespace?: string;
  object_name?: string;
  lookup_arg?: string;
  read_tool?: string;
  proposal_tool?: string;
  read_description?: string;
  proposal_description?: string;
  read_returns_hint?: string;
  proposal_returns_hint?: string;
  patch?: Record<string, PatchBindingInput>;
  patch_args?: Record<string, PatchArgInput>;
  numeric_bounds?: Record<string, { minimum?: number; maximum?: number }>;
  transition_guards?: Record<string, TransitionGuardInput>;
  tenant_env?: string;
  principal_env?: string;
  approval_role?: string;
  expires_after?: string;
  writeback?: WritebackKind;
  executor_name?: string;
  handler_url_env?: string;
  handler_token_env?: string;
  handler_signing_secret_env?: string;
  handler_command_env?: string;
  handler_timeout_ms?: number;
  /** A known primary-key value: enables `.synapsor/smoke-input.json` and the onboarding smoke call. */
  sample_id?: string;
}

/** A reason `init` writes nothing (exit 2). `code` is a safe code; `message` names no secret. */
export interface InitRefusal {
  code: string;
  message: string;
}

/** Every field decided; input to `buildInitConfig`. */
export interface ResolvedSelection {
  engine: Engine;
  mode: ConfigMode;
  source_name: string;
  read_url_env: string;
  write_url_env: string | null;
  schema: string;
  table: string;
  primary_key: string;
  tenant_key: string | null;
  conflict_column: string | null;
  bump: 'now' | 'increment' | null;
  visible_columns: string[];
  allowed_columns: string[];
  namespace: string;
  object_name: string;
  lookup_arg: string;
  read_tool: string;
  proposal_tool: string;
  read_description: string;
  proposal_description: string;
  read_returns_hint: string | null;
  proposal_returns_hint: string | null;
  patch: Record<string, PatchBindingInput>;
  patch_args: Record<string, PatchArgInput>;
  numeric_bounds: Record<string, { minimum?: number; maximum?: number }>;
  transition_guards: Record<string, TransitionGuardInput>;
  tenant_env: string;
  principal_env: string;
  approval_role: string;
  expires_after: string | null;
  writeback: WritebackKind;
  executor_name: string;
  handler_url_env: string;
  handler_token_env: string;
  handler_signing_secret_env: string;
  handler_command_env: string;
  handler_timeout_ms: number | null;
  sample_id: string | null;
}
