import { grantPlanFromConfig, isSqlIdentifier, SynapsorError, type Engine } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { loadConfig } from '../support/config-file.js';
import { CliError, usageError } from '../support/errors.js';
import { printJson, printLines } from '../support/output.js';
import { checkLines, writebackChecks } from '../support/writeback-doctor.js';

function engineFlag(raw: string | undefined): Engine {
  if (raw === 'postgres' || raw === 'mysql') return raw;
  throw usageError('INVALID_FLAG_VALUE', '--engine must be postgres or mysql');
}

/** `--schema` is quoted into SQL text: only plain identifiers are accepted. */
function schemaFlag(raw: string | undefined): string | undefined {
  if (raw !== undefined && !isSqlIdentifier(raw)) throw usageError('INVALID_FLAG_VALUE', '--schema must be a plain SQL identifier');
  return raw;
}

/**
 * The engine's SQL text renderers, from its adapter package imported on demand: the adapters
 * pull their drivers and kysely, which no other command should load at start-up.
 */
async function sqlRenderers(engine: Engine) {
  if (engine === 'postgres') {
    const { postgresGrantsSql, postgresReceiptsDdl } = await import('@synapsor/adapters-postgres');
    return { receiptsDdl: postgresReceiptsDdl, grantsSql: postgresGrantsSql };
  }
  const { mysqlGrantsSql, mysqlReceiptsDdl } = await import('@synapsor/adapters-mysql');
  return { receiptsDdl: mysqlReceiptsDdl, grantsSql: mysqlGrantsSql };
}

/** Identifier refusals from the SQL renderers are bad flag values (exit 2). */
function renderSql(render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof SynapsorError) throw usageError(error.code, error.message);
    throw error;
  }
}

/** `writeback migration|grants|doctor`: SQL text for DBAs and the writeback-only health checks. */
export const registerWriteback: CommandGroup = (program, context) => {
  const { io } = context;
  const writeback = program.command('writeback').description('receipts table DDL, least-privilege grants and writeback health');

  writeback
    .command('migration')
    .description('print the receipts table DDL (CREATE TABLE IF NOT EXISTS synapsor_writeback_receipts)')
    .option('--engine <engine>', 'postgres or mysql')
    .option('--schema <schema>', 'schema (PostgreSQL) or database (MySQL) of the receipts table')
    .action(
      action<{ engine?: string; schema?: string }>(context, async (options) => {
        const engine = engineFlag(options.engine);
        const name = schemaFlag(options.schema);
        const schema = name === undefined ? {} : { schema: name };
        const { receiptsDdl } = await sqlRenderers(engine);
        io.stdout(renderSql(() => receiptsDdl(schema)));
      }),
    );

  writeback
    .command('grants')
    .description('print least-privilege GRANTs computed from the config (nothing is executed)')
    .option('--engine <engine>', 'postgres or mysql')
    .option('--writer-role <role>', 'role of the write URL')
    .option('--reader-role <role>', 'role of the read URL')
    .option('--schema <schema>', 'schema of the receipts table (default: the source receipts_schema)')
    .action(
      action<{ engine?: string; writerRole?: string; readerRole?: string; schema?: string }>(context, async (options) => {
        const engine = engineFlag(options.engine);
        if (!options.writerRole) throw usageError('INVALID_FLAG_VALUE', '--writer-role is required');
        const loaded = await loadConfig(io, options.config);
        const plan = grantPlanFromConfig(loaded.config, { engine });
        if (plan.targets.length === 0) throw new CliError('NO_TARGETS', `the config has no ${engine} capability targets`);
        const receiptsSchema = schemaFlag(options.schema) ?? plan.receipts_schemas.find((schema) => schema !== null) ?? undefined;
        const grants = {
          writerRole: options.writerRole,
          targets: plan.targets,
          ...(options.readerRole ? { readerRole: options.readerRole } : {}),
          ...(receiptsSchema === undefined ? {} : { receiptsSchema }),
        };
        const { grantsSql } = await sqlRenderers(engine);
        io.stdout(renderSql(() => grantsSql(grants)));
      }),
    );

  writeback
    .command('doctor')
    .description('writeback-only subset of doctor: env names, credential split, executors; --check-db probes the writer')
    .option('--check-db', 'connect as the writer: receipts table and rollback-only UPDATE probes')
    .option('--json', 'JSON output')
    .action(
      action<{ checkDb?: boolean; json?: boolean }>(context, async (options) => {
        const loaded = await loadConfig(io, options.config);
        const checks = await writebackChecks(loaded.config, io.env, options.checkDb === true);
        const ok = checks.every((check) => check.status !== 'fail');
        if (options.json) printJson(io, { ok, checks });
        else printLines(io, checkLines(checks));
        return ok ? 0 : 1;
      }),
    );
};
