import type { CapabilityConfig } from '../config/index.js';
import { isSynapsorError, SynapsorError } from '../errors/index.js';
import { isoNow, newId } from '../ids/index.js';
import { buildQueryAudit, buildReadPlan, buildReadRecordedEvent, objectIdOf, queryFingerprint } from '../plan/index.js';
import type { ReadPlan } from '../ports/index.js';
import type { EvidenceBundle, NewEvent, QueryAuditRecord, QueryOutcome, Row, TrustedContext } from '../records/index.js';
import type { RuntimeDeps } from './context.js';

/** One executed statement that matched exactly one row, plus what its records need. */
export interface RowRead {
  plan: ReadPlan;
  row: Row;
  objectId: string;
  fingerprint: string;
  template: string;
  durationMs: number;
  queryAuditId: string;
}

const isPrimitive = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** The `read_recorded` event of one call (runtime ids; payload built by `buildReadRecordedEvent`). */
export function readRecordedEvent(
  deps: RuntimeDeps,
  context: TrustedContext,
  audit: QueryAuditRecord,
  evidence: EvidenceBundle | null,
): NewEvent {
  return buildReadRecordedEvent({ event_id: newId('evt', deps.random), actor: context.principal, audit, evidence });
}

function sourceReady(deps: RuntimeDeps, capability: CapabilityConfig): void {
  const source = deps.config.sources[capability.source];
  const url = source === undefined ? undefined : deps.env[source.read_url_env];
  if (url === undefined || url.trim() === '') {
    throw new SynapsorError('SOURCE_CREDENTIAL_MISSING', 'The data source for this tool is not available right now.');
  }
}

/**
 * Steps 7–10: plan, one statement, exactly one row, JSON values only. Every executed
 * statement that does not end in a usable row is audited here (no evidence bundle).
 */
export async function readExactlyOneRow(
  deps: RuntimeDeps,
  capability: CapabilityConfig,
  lookupValue: string | number | boolean,
  context: TrustedContext,
): Promise<RowRead> {
  const plan = buildReadPlan(deps.config, capability, lookupValue, context);
  sourceReady(deps, capability);
  const adapter = deps.sources[capability.source]!;
  const fingerprint = queryFingerprint(plan, context.tenant_id);
  const template = adapter.readTemplate(plan);
  const objectId = objectIdOf(lookupValue);
  const queryAuditId = newId('qa', deps.random);

  const auditFailure = async (outcome: QueryOutcome, rowCount: number, code: string, durationMs: number): Promise<void> => {
    const audit = buildQueryAudit({
      query_audit_id: queryAuditId,
      evidence_bundle_id: null,
      proposal_id: null,
      capability: capability.name,
      kind: capability.kind,
      plan,
      context,
      object_id: objectId,
      statement_template: template,
      query_fingerprint: fingerprint,
      row_count: rowCount,
      outcome,
      error_code: code,
      duration_ms: durationMs,
      created_at: isoNow(deps.clock),
    });
    await deps.store.recordRead({ evidence: null, query_audit: audit, event: readRecordedEvent(deps, context, audit, null) });
  };

  const started = deps.clock.now().getTime();
  let result;
  try {
    result = await adapter.readOne(plan);
  } catch (error) {
    const code = isSynapsorError(error) ? error.code : 'INTERNAL';
    // The audit of a failed statement is best effort: the original error is what the caller needs.
    await auditFailure('error', 0, code, Math.max(0, deps.clock.now().getTime() - started)).catch(() => undefined);
    throw error;
  }
  const { rows, duration_ms: durationMs } = result;
  if (rows.length === 0) {
    await auditFailure('not_found', 0, 'ROW_NOT_FOUND', durationMs);
    throw new SynapsorError('ROW_NOT_FOUND', 'No such record is visible to this caller.');
  }
  if (rows.length > 1) {
    await auditFailure('not_unique', rows.length, 'ROW_NOT_UNIQUE', durationMs);
    throw new SynapsorError('ROW_NOT_UNIQUE', 'The lookup matched more than one record, so nothing was returned.');
  }
  const row = rows[0]!;
  if (!plan.columns.every((column) => isPrimitive(row[column] ?? null))) {
    await auditFailure('error', 1, 'UNSUPPORTED_COLUMN_TYPE', durationMs);
    throw new SynapsorError('UNSUPPORTED_COLUMN_TYPE', 'A column has a type the runner cannot return.');
  }
  return { plan, row, objectId, fingerprint, template, durationMs, queryAuditId };
}
