import { executorTypeOf, isProposalCapability } from '../config/capability-helpers.js';
import type { ProposalCapabilityConfig, RunnerConfig } from '../config/types.js';
import { assertSqlIdentifier } from '../guards/identifier.js';
import { conflictColumnOf, readColumnsOf, rowHashColumnsOf, tenantKeyOf } from '../plan/columns.js';
import type { Engine } from '../records/index.js';

/** Least-privilege rights on one target table (cli.md `writeback grants`). */
export interface GrantPlanTarget {
  source_id: string;
  engine: Engine;
  schema: string;
  table: string;
  /** Reader: every column a capability on this table reads. */
  reader_select_columns: string[];
  /** Writer: key, tenant and version columns (row-hash columns for a weak guard). Empty: no writer rights. */
  writer_select_columns: string[];
  /** Writer: allowed patch columns plus the bumped version column. */
  writer_update_columns: string[];
}

export interface GrantPlan {
  targets: GrantPlanTarget[];
  /** Configured `receipts_schema` per source that has a writer target (`null` = unqualified). */
  receipts_schemas: Array<string | null>;
}

/** The part of a plan target the SQL generators render (engine-neutral). */
export type GrantSqlTarget = Pick<GrantPlanTarget, 'schema' | 'table' | 'reader_select_columns' | 'writer_select_columns' | 'writer_update_columns'>;

/** Input of the engine GRANT generators (`postgresGrantsSql`, `mysqlGrantsSql`). */
export interface GrantSqlOptions {
  /** Omitted: no reader GRANTs are printed (the read role is managed elsewhere). */
  readerRole?: string;
  writerRole: string;
  /** Schema (PostgreSQL) or database (MySQL) of the receipts table; unset = unqualified. */
  receiptsSchema?: string;
  targets: GrantSqlTarget[];
}

/**
 * Every plan identifier ends up quoted inside SQL text a DBA runs with elevated rights, so
 * anything but a plain identifier is refused (`UNSAFE_IDENTIFIER`) before rendering. Role
 * names are engine-specific (MySQL accounts carry a host) and are checked by each generator.
 */
export function assertGrantSqlIdentifiers(options: Pick<GrantSqlOptions, 'receiptsSchema' | 'targets'>): void {
  if (options.receiptsSchema !== undefined) assertSqlIdentifier(options.receiptsSchema, 'receipts schema');
  for (const target of options.targets) {
    assertSqlIdentifier(target.schema, 'schema');
    assertSqlIdentifier(target.table, 'table');
    for (const column of [...target.reader_select_columns, ...target.writer_select_columns, ...target.writer_update_columns]) {
      assertSqlIdentifier(column, 'column');
    }
  }
}

/** Targets the writer needs rights on: those with an `sql_update` proposal. */
export const writerGrantTargets = <T extends GrantSqlTarget>(targets: T[]): T[] =>
  targets.filter((target) => target.writer_update_columns.length > 0);

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** Columns the guarded UPDATE reads: key, tenant, version, or the row-hash set without a version column. */
function writerSelectColumns(capability: ProposalCapabilityConfig): string[] {
  const tenant = tenantKeyOf(capability);
  const version = conflictColumnOf(capability);
  const guard = version === null ? rowHashColumnsOf(capability) : [version];
  return unique([capability.target.primary_key, ...(tenant === null ? [] : [tenant]), ...guard]);
}

function writerUpdateColumns(capability: ProposalCapabilityConfig): string[] {
  const version = conflictColumnOf(capability);
  const bump = capability.conflict_guard.bump !== undefined && version !== null ? [version] : [];
  return unique([...capability.allowed_columns, ...bump]);
}

/**
 * The rights the runner's two database roles need, computed from the reviewed config only.
 * Only proposals applied by `sql_update` give the writer rights: handler executors write with
 * the application's own credentials. `engine` keeps the targets of sources of that engine.
 */
export function grantPlanFromConfig(config: RunnerConfig, options: { engine?: Engine } = {}): GrantPlan {
  const byTable = new Map<string, GrantPlanTarget>();
  const receiptSchemas = new Set<string | null>();
  for (const capability of config.capabilities) {
    const source = config.sources[capability.source];
    if (source === undefined || (options.engine !== undefined && source.engine !== options.engine)) continue;
    const { schema, table } = capability.target;
    const key = JSON.stringify([capability.source, schema, table]);
    const target = byTable.get(key) ?? {
      source_id: capability.source,
      engine: source.engine,
      schema,
      table,
      reader_select_columns: [],
      writer_select_columns: [],
      writer_update_columns: [],
    };
    byTable.set(key, target);
    target.reader_select_columns = unique([...target.reader_select_columns, ...readColumnsOf(capability)]);
    if (!isProposalCapability(capability) || executorTypeOf(config, capability) !== 'sql_update') continue;
    target.writer_select_columns = unique([...target.writer_select_columns, ...writerSelectColumns(capability)]);
    target.writer_update_columns = unique([...target.writer_update_columns, ...writerUpdateColumns(capability)]);
    receiptSchemas.add(source.receipts_schema ?? null);
  }
  return { targets: [...byTable.values()], receipts_schemas: [...receiptSchemas] };
}
