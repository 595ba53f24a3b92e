import { SynapsorError, type AdapterOutcome, type Check, type DoctorProbe, type Inspection, type ReadPlan, type ReadResult, type SourceAdapter, type WritebackJob } from '@synapsor/core';
import { runDoctor } from './doctor.js';
import { applyGuardedUpdate } from './guarded-update.js';
import { inspectSchemas } from './inspect.js';
import { type MysqlAdapterOptions, resolveTarget, validateOptions } from './options.js';
import { type ManagedPool, createManagedPool } from './pool.js';
import { ReadTemplateCache, runRead } from './read.js';
import { ReceiptsTableCheck } from './receipts.js';

/** Writer pool size is fixed by the spec: applies are rare and serialised per job. */
const WRITER_POOL_MAX = 2;

/**
 * `SourceAdapter` for MySQL 8 / MariaDB ≥ 10.6. Pools are created lazily: the reader on the
 * first read (`SOURCE_CREDENTIAL_MISSING` when its env is unset), the writer on the first
 * apply (`WRITER_CREDENTIAL_MISSING`). One adapter per source per process.
 */
export function createMysqlAdapter(options: MysqlAdapterOptions): SourceAdapter {
  validateOptions(options);
  const { env, logger, statementTimeoutMs, receiptsSchema } = options;
  let reader: ManagedPool | null = null;
  let writer: ManagedPool | null = null;
  const templates = new ReadTemplateCache();
  let closed = false;
  const receipts = new ReceiptsTableCheck(receiptsSchema, logger);

  const ensureOpen = (): void => {
    if (closed) throw new SynapsorError('ADAPTER_CLOSED', 'the source adapter has been closed');
  };
  const readerPool = (): ManagedPool => {
    ensureOpen();
    reader ??= createManagedPool({
      target: resolveTarget(env, options.readUrlEnv, 'SOURCE_CREDENTIAL_MISSING'),
      role: 'reader',
      connectionLimit: options.poolMax,
      statementTimeoutMs,
      ssl: options.ssl,
    });
    return reader;
  };
  const writerPool = (): ManagedPool => {
    ensureOpen();
    writer ??= createManagedPool({
      target: resolveTarget(env, options.writeUrlEnv, 'WRITER_CREDENTIAL_MISSING'),
      role: 'writer',
      connectionLimit: WRITER_POOL_MAX,
      statementTimeoutMs,
      ssl: options.ssl,
    });
    return writer;
  };

  return {
    engine: 'mysql',
    readTemplate(plan: ReadPlan): string {
      return templates.get(plan);
    },
    async readOne(plan: ReadPlan): Promise<ReadResult> {
      // Validation and compilation first: a bad plan never reaches a pool.
      const template = templates.get(plan);
      return runRead(readerPool(), template, plan, statementTimeoutMs, logger);
    },
    async applyGuardedUpdate(job: WritebackJob, { dryRun }: { dryRun: boolean }): Promise<AdapterOutcome> {
      return applyGuardedUpdate(() => writerPool().db, receipts, job, { dryRun, receiptsSchema, logger });
    },
    async inspect({ schemas }: { schemas?: string[] }): Promise<Inspection> {
      return inspectSchemas(readerPool(), schemas, statementTimeoutMs, logger);
    },
    async doctor(probes: DoctorProbe[]): Promise<Check[]> {
      return runDoctor({ reader: () => readerPool().db, writer: () => writerPool().db, receiptsSchema, logger }, probes);
    },
    async close(): Promise<void> {
      closed = true;
      const pools = [reader, writer].filter((p): p is ManagedPool => p !== null);
      reader = null;
      writer = null;
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}
