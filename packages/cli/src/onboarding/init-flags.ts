import type { Command } from 'commander';
import {
  isSynapsorError,
  parseBoundsFlag,
  parseColumnList,
  parsePatchFlag,
  transitionGuardsFrom,
  type InitSelection,
} from '@synapsor/core';
import { usageError } from '../support/errors.js';
import { choiceFlag, collect, integerFlag } from '../support/flags.js';

export interface InitFlags {
  fromEnv?: string;
  engine?: 'auto' | 'postgres' | 'mysql';
  schema?: string;
  table?: string;
  sourceName?: string;
  mode?: 'read_only' | 'shadow' | 'review';
  primaryKey?: string;
  tenantColumn?: string;
  tenantKey?: string;
  singleTenantDev?: boolean;
  conflictColumn?: string;
  bump?: 'now' | 'increment' | 'none';
  visibleColumns?: string;
  allowedColumns?: string;
  namespace?: string;
  objectName?: string;
  idArg?: string;
  lookupArg?: string;
  readTool?: string;
  proposalTool?: string;
  readDescription?: string;
  proposalDescription?: string;
  readReturnsHint?: string;
  proposalReturnsHint?: string;
  patch?: string[];
  patchBounds?: string[];
  transitionGuard?: string[];
  tenantEnv?: string;
  principalEnv?: string;
  approvalRole?: string;
  expiresAfter?: string;
  writeUrlEnv?: string;
  writeback?: 'sql_update' | 'http_handler' | 'command_handler';
  executorName?: string;
  handlerUrlEnv?: string;
  handlerTokenEnv?: string;
  handlerSigningSecretEnv?: string;
  handlerCommandEnv?: string;
  handlerTimeoutMs?: number;
  emitHandler?: boolean;
  recipe?: string;
  answers?: string;
  spec?: string;
  allowSensitive?: boolean;
  sampleId?: string;
  starter?: boolean;
  output?: string;
  force?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** The `init` flags of cli.md (shared by `init`, `onboard db` and `start`). */
export function addInitOptions(command: Command): Command {
  return command
    .option('--from-env <ENV>', 'env var holding the database URL (inspected live, read-only)')
    .option('--engine <engine>', 'auto, postgres or mysql (auto: from the URL scheme)', choiceFlag('--engine', ['auto', 'postgres', 'mysql'] as const))
    .option('--schema <schema>', 'schema (PostgreSQL, default public) or database (MySQL)')
    .option('--table <table>', 'target table')
    .option('--source-name <name>', 'source name (default app_postgres / app_mysql)')
    .option('--mode <mode>', 'read_only, shadow or review (default shadow)', choiceFlag('--mode', ['read_only', 'shadow', 'review'] as const))
    .option('--primary-key <column>', 'primary key column (default: inspected, else id)')
    .option('--tenant-column <column>', 'tenant column (default: inspected suggestion)')
    .option('--tenant-key <column>', 'alias of --tenant-column')
    .option('--single-tenant-dev', 'no tenant column (development only)')
    .option('--conflict-column <column>', 'version column for the conflict guard')
    .option('--bump <bump>', 'now, increment or none (default by column type)', choiceFlag('--bump', ['now', 'increment', 'none'] as const))
    .option('--visible-columns <a,b>', 'columns the model sees (default: suggested visible)')
    .option('--allowed-columns <a,b>', 'columns a proposal may write (default: patch columns)')
    .option('--namespace <ns>', 'tool namespace (default: first segment of the object name)')
    .option('--object-name <name>', 'business object name (default: table minus trailing s)')
    .option('--id-arg <name>', 'lookup argument (default <object>_id)')
    .option('--lookup-arg <name>', 'alias of --id-arg')
    .option('--read-tool <name>', 'read tool name (default <ns>.inspect_<object>)')
    .option('--proposal-tool <name>', 'proposal tool name (default <ns>.propose_<object>_update)')
    .option('--read-description <text>', 'read tool description')
    .option('--proposal-description <text>', 'proposal tool description')
    .option('--read-returns-hint <text>', 'read tool returns hint')
    .option('--proposal-returns-hint <text>', 'proposal tool returns hint')
    .option('--patch <col=fixed:v|col=arg:name>', 'patch binding (repeatable)', collect)
    .option('--patch-bounds <col=min:max>', 'numeric bound (repeatable)', collect)
    .option('--transition-guard <col=from:to>', 'allowed transition (repeatable)', collect)
    .option('--tenant-env <ENV>', 'tenant env name (default SYNAPSOR_TENANT_ID)')
    .option('--principal-env <ENV>', 'principal env name (default SYNAPSOR_PRINCIPAL)')
    .option('--approval-role <role>', 'role required to approve (default local_reviewer)')
    .option('--expires-after <duration>', 'proposal expiry, e.g. 72h')
    .option('--write-url-env <ENV>', 'writer URL env (default SYNAPSOR_DATABASE_WRITE_URL; review + sql_update)')
    .option('--writeback <type>', 'sql_update, http_handler or command_handler', choiceFlag('--writeback', ['sql_update', 'http_handler', 'command_handler'] as const))
    .option('--executor-name <name>', 'handler executor name (default app_writeback)')
    .option('--handler-url-env <ENV>', 'handler URL env (default SYNAPSOR_APP_WRITEBACK_URL)')
    .option('--handler-token-env <ENV>', 'handler bearer token env')
    .option('--handler-signing-secret-env <ENV>', 'handler HMAC secret env')
    .option('--handler-command-env <ENV>', 'handler command env')
    .option('--handler-timeout-ms <ms>', 'handler timeout', integerFlag('--handler-timeout-ms', 1, 120_000))
    .option('--emit-handler', 'also write a handler template')
    .option('--recipe <id|file>', 'start from a recipe')
    .option('--answers <file>', 'answers file (JSON)')
    .option('--spec <file>', 'selection spec file (JSON, e.g. a recipe spec block)')
    .option('--allow-sensitive', 'accept sensitive or large/binary visible/allowed columns')
    .option('--sample-id <id>', 'a known primary-key value (writes .synapsor/smoke-input.json)')
    .option('--starter', 'write the starter config (no database)')
    .option('--output <file>', 'config path (default ./synapsor.runner.json)')
    .option('--force', 'overwrite existing files')
    .option('--dry-run', 'print what would be written; write nothing')
    .option('--yes', 'no confirmation prompt')
    .option('--json', 'JSON output');
}

function entries<T>(values: string[] | undefined, parse: (value: string) => [string, T]): Record<string, T> | undefined {
  if (!values || values.length === 0) return undefined;
  return Object.fromEntries(values.map(parse));
}

/** Flags → selection (flags win over every file layer). Bad values → usage error (exit 2). */
export function selectionFromFlags(flags: InitFlags): InitSelection {
  if (flags.tenantColumn && flags.tenantKey && flags.tenantColumn !== flags.tenantKey) throw usageError('FLAG_CONFLICT', '--tenant-column and --tenant-key disagree');
  if (flags.idArg && flags.lookupArg && flags.idArg !== flags.lookupArg) throw usageError('FLAG_CONFLICT', '--id-arg and --lookup-arg disagree');
  try {
    return {
      ...(flags.engine && flags.engine !== 'auto' ? { engine: flags.engine } : {}),
      mode: flags.mode,
      source_name: flags.sourceName,
      read_url_env: flags.fromEnv,
      write_url_env: flags.writeUrlEnv,
      schema: flags.schema,
      table: flags.table,
      primary_key: flags.primaryKey,
      tenant_key: flags.tenantColumn ?? flags.tenantKey,
      single_tenant_dev: flags.singleTenantDev,
      conflict_column: flags.conflictColumn,
      bump: flags.bump,
      visible_columns: flags.visibleColumns === undefined ? undefined : parseColumnList('--visible-columns', flags.visibleColumns),
      allowed_columns: flags.allowedColumns === undefined ? undefined : parseColumnList('--allowed-columns', flags.allowedColumns),
      namespace: flags.namespace,
      object_name: flags.objectName,
      lookup_arg: flags.idArg ?? flags.lookupArg,
      read_tool: flags.readTool,
      proposal_tool: flags.proposalTool,
      read_description: flags.readDescription,
      proposal_description: flags.proposalDescription,
      read_returns_hint: flags.readReturnsHint,
      proposal_returns_hint: flags.proposalReturnsHint,
      patch: entries(flags.patch, parsePatchFlag),
      numeric_bounds: entries(flags.patchBounds, parseBoundsFlag),
      transition_guards: flags.transitionGuard && flags.transitionGuard.length > 0 ? transitionGuardsFrom(flags.transitionGuard) : undefined,
      tenant_env: flags.tenantEnv,
      principal_env: flags.principalEnv,
      approval_role: flags.approvalRole,
      expires_after: flags.expiresAfter,
      writeback: flags.writeback,
      executor_name: flags.executorName,
      handler_url_env: flags.handlerUrlEnv,
      handler_token_env: flags.handlerTokenEnv,
      handler_signing_secret_env: flags.handlerSigningSecretEnv,
      handler_command_env: flags.handlerCommandEnv,
      handler_timeout_ms: flags.handlerTimeoutMs,
      sample_id: flags.sampleId,
    };
  } catch (error) {
    if (isSynapsorError(error)) throw usageError(error.code, error.message);
    throw error;
  }
}

/** Any flag that names a database or a selection source (else `init` writes the starter). */
export function hasSelectionSource(flags: InitFlags): boolean {
  return Boolean(flags.fromEnv || flags.table || flags.recipe || flags.answers || flags.spec);
}
