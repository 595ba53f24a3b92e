import { SynapsorError } from '../errors/index.js';
import type { Clock } from '../ids/index.js';
import type {
  AdapterOutcome,
  Check,
  DoctorProbe,
  Inspection,
  ReadPlan,
  ReadResult,
  SourceAdapter,
} from '../ports/index.js';
import type { Engine, NormalizedValue, Row, WritebackJob } from '../records/index.js';
import { rowHash, versionsMatch } from '../writeback/index.js';

/** One recorded call, so tests can assert what reached the "database". */
export type FakeSourceCall =
  | { method: 'readOne'; plan: ReadPlan }
  | { method: 'applyGuardedUpdate'; job: WritebackJob; dryRun: boolean };

export interface FakeSourceOptions {
  engine: Engine;
  /** `"schema.table"` → rows; the arrays are live and mutated by guarded updates. */
  tables: Record<string, Row[]>;
  /** Used for `bump: "now"`; defaults to a fixed instant so tests stay deterministic. */
  clock?: Clock;
}

export interface FakeSource extends SourceAdapter {
  readonly calls: FakeSourceCall[];
  readonly tables: Record<string, Row[]>;
  /** The next `readOne` throws this instead of reading (e.g. `DATABASE_UNAVAILABLE`). */
  failNextRead(error: unknown): void;
  readonly closed: boolean;
}

const FIXED_CLOCK: Clock = { now: () => new Date('2026-06-20T15:00:00.000Z') };

function quote(engine: Engine, identifier: string): string {
  return engine === 'postgres' ? `"${identifier}"` : `\`${identifier}\``;
}

/** The spec's read statement text for the plan (placeholders only, never values). */
export function fakeReadTemplate(plan: ReadPlan): string {
  const q = (id: string): string => quote(plan.engine, id);
  const p = (n: number): string => (plan.engine === 'postgres' ? `$${n}` : '?');
  const where = [`${q(plan.primary_key)} = ${p(1)}`];
  if (plan.tenant_key !== null) where.push(`${q(plan.tenant_key)} = ${p(2)}`);
  const columns = plan.columns.map(q).join(', ');
  return `SELECT ${columns} FROM ${q(plan.schema)}.${q(plan.table)} WHERE ${where.join(' AND ')} LIMIT ${plan.limit}`;
}

const sameValue = (a: NormalizedValue | undefined, b: NormalizedValue): boolean =>
  a !== undefined && a !== null && String(a) === String(b);

/** In-memory `SourceAdapter` for unit tests: evaluates read plans and simple guarded updates. */
export function createFakeSource(options: FakeSourceOptions): FakeSource {
  const calls: FakeSourceCall[] = [];
  const receipts = new Map<string, AdapterOutcome>();
  const clock = options.clock ?? FIXED_CLOCK;
  let pendingFailure: { error: unknown } | null = null;
  let closed = false;

  const tableRows = (schema: string, table: string): Row[] => {
    const rows = options.tables[`${schema}.${table}`];
    // A missing relation is a configuration error, which real adapters report as INTERNAL.
    if (!rows) throw new SynapsorError('INTERNAL', 'relation is not available');
    return rows;
  };

  const matching = (
    rows: Row[],
    pk: { column: string; value: NormalizedValue },
    tenant: { column: string; value: NormalizedValue } | null,
  ): Row[] =>
    rows.filter(
      (row) => sameValue(row[pk.column], pk.value) && (tenant === null || sameValue(row[tenant.column], tenant.value)),
    );

  const outcome = (status: AdapterOutcome['status'], code: string | null, extra: Partial<AdapterOutcome> = {}): AdapterOutcome => ({
    status,
    rows_affected: 0,
    previous_version: null,
    new_version: null,
    source_database_mutated: false,
    safe_error_code: code,
    ...extra,
  });

  function guardedUpdate(job: WritebackJob, dryRun: boolean): AdapterOutcome {
    const prior = receipts.get(job.idempotency_key);
    if (prior?.status === 'applied') return outcome('already_applied', null);
    const rows = matching(tableRows(job.target.schema, job.target.table), job.target.primary_key, job.tenant_guard);
    if (rows.length === 0) return outcome('conflict', 'ROW_NOT_FOUND');
    if (rows.length > 1) return outcome('failed', 'MULTI_ROW_WRITE_BLOCKED');
    const row = rows[0]!;
    const guard = job.conflict_guard;
    const current = guard.kind === 'column' ? (row[guard.column] ?? null) : rowHash(row, guard.columns);
    const expected = guard.kind === 'column' ? guard.expected_value : guard.expected_hash;
    const previous = current === null ? null : String(current);
    if (!versionsMatch(expected, current)) {
      return outcome('conflict', 'VERSION_CONFLICT', { previous_version: previous });
    }
    let next: NormalizedValue = current;
    if (guard.kind === 'column' && guard.bump === 'increment') next = Number(current) + 1;
    if (guard.kind === 'column' && guard.bump === 'now') next = clock.now().toISOString();
    if (dryRun) return outcome('applied', null, { dry_run: { would: 'applied', safe_error_code: null } });
    Object.assign(row, job.patch);
    if (guard.kind === 'column' && guard.bump !== null) row[guard.column] = next;
    const result = outcome('applied', null, {
      rows_affected: 1,
      previous_version: previous,
      new_version: guard.kind === 'column' ? String(row[guard.column]) : rowHash(row, guard.columns),
      source_database_mutated: true,
    });
    receipts.set(job.idempotency_key, result);
    return result;
  }

  return {
    engine: options.engine,
    calls,
    tables: options.tables,
    get closed() {
      return closed;
    },
    failNextRead(error: unknown) {
      pendingFailure = { error };
    },
    readTemplate: fakeReadTemplate,
    async readOne(plan: ReadPlan): Promise<ReadResult> {
      calls.push({ method: 'readOne', plan });
      if (pendingFailure) {
        const { error } = pendingFailure;
        pendingFailure = null;
        throw error;
      }
      const tenant = plan.tenant_key === null ? null : { column: plan.tenant_key, value: plan.tenant_value };
      const found = matching(tableRows(plan.schema, plan.table), { column: plan.primary_key, value: plan.lookup_value }, tenant);
      const rows = found.slice(0, plan.limit).map((row) => {
        const projected: Row = {};
        for (const column of plan.columns) projected[column] = row[column] ?? null;
        return projected;
      });
      return { rows, duration_ms: 1 };
    },
    async applyGuardedUpdate(job: WritebackJob, { dryRun }: { dryRun: boolean }): Promise<AdapterOutcome> {
      calls.push({ method: 'applyGuardedUpdate', job, dryRun });
      return guardedUpdate(job, dryRun);
    },
    async inspect({ schemas }: { schemas?: string[] }): Promise<Inspection> {
      const tables = Object.entries(options.tables)
        .map(([key, rows]) => {
          const [schema = '', name = ''] = key.split('.');
          const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => ({
            name: column,
            type: 'text',
            nullable: true,
            default: null,
            generated: false,
            suggestions: [],
          }));
          return { schema, name, type: 'table' as const, columns, primary_key: ['id'], unique_constraints: [], foreign_keys: [], indexes: [] };
        })
        .filter((table) => !schemas || schemas.includes(table.schema));
      return { engine: options.engine, schemas: [...new Set(tables.map((t) => t.schema))], tables };
    },
    async doctor(probes: DoctorProbe[]): Promise<Check[]> {
      return probes.map((probe) => ({ id: `fake_${probe.kind}`, status: 'pass', message: 'fake source', fix: null }));
    },
    async close() {
      closed = true;
    },
  };
}
