import { addDuration, executorTypeOf, type ProposalCapabilityConfig } from '../config/index.js';
import { isoNow, newId } from '../ids/index.js';
import { patchColumnsOf, rowHashColumnsOf, tenantKeyOf } from '../plan/index.js';
import {
  buildChangeSet,
  buildPatch,
  buildProposalRecord,
  checkNoOp,
  checkNumericBounds,
  checkTransitions,
  dedupeKeyOf,
  expectedVersionOf,
  overlay,
} from '../proposal/index.js';
import type { ValidatedArguments } from '../tools/index.js';
import type { ChangeSet, ExpectedVersion, NewEvent, ProposalRecord, Row, TrustedContext } from '../records/index.js';
import type { CallTrace, RuntimeDeps } from './context.js';
import type { RowRead } from './execute-read.js';
import { readRecordedEvent } from './execute-read.js';
import { readRecords, rowHashOf } from './read-records.js';

interface Policy {
  patch: Row;
  expectedVersion: ExpectedVersion;
}

/** Steps 12–14, in spec order: patch, numeric and transition guards, no-op, expected version. */
function applyPolicy(capability: ProposalCapabilityConfig, args: ValidatedArguments, row: Row): Policy {
  const patch = buildPatch(capability, args);
  checkNumericBounds(capability, patch);
  checkTransitions(capability, patch, row);
  checkNoOp(patch, row);
  const expectedVersion = expectedVersionOf(capability, row, rowHashOf(capability, row), rowHashColumnsOf(capability));
  return { patch, expectedVersion };
}

/** `before` = visible ∪ patch columns of the row. */
function beforeOf(capability: ProposalCapabilityConfig, row: Row): Row {
  const before: Row = {};
  for (const column of [...capability.visible_columns, ...patchColumnsOf(capability)]) before[column] = row[column] ?? null;
  return before;
}

export interface ProposalOutcome {
  proposal: ProposalRecord;
  reused: boolean;
  evidenceBundleId: string;
}

/**
 * Steps 12–16. A policy refusal still records what was read (evidence + audit) so the
 * refusal is replayable; then it rethrows.
 */
export async function proposeChange(
  deps: RuntimeDeps,
  capability: ProposalCapabilityConfig,
  args: ValidatedArguments,
  read: RowRead,
  context: TrustedContext,
  trace: CallTrace,
): Promise<ProposalOutcome> {
  const createdAt = isoNow(deps.clock);
  const evidenceBundleId = newId('ev', deps.random);
  let policy: Policy;
  try {
    policy = applyPolicy(capability, args, read.row);
  } catch (error) {
    const { evidence, audit } = readRecords(capability, read, context, { ...args }, { evidenceBundleId, proposalId: null, createdAt });
    await deps.store.recordRead({ evidence, query_audit: audit, event: readRecordedEvent(deps, capability, context, audit, evidence) });
    trace.evidenceBundleId = evidenceBundleId;
    throw error;
  }
  const { plan } = read;
  const tenantKey = tenantKeyOf(capability);
  const before = beforeOf(capability, read.row);
  const changeSet: ChangeSet = buildChangeSet({
    proposal_id: newId('wrp', deps.random),
    action: capability.name,
    mode: deps.mode === 'shadow' ? 'shadow' : 'review_required',
    context,
    tenant_bound: tenantKey !== null,
    engine: plan.engine,
    source_id: plan.source_id,
    schema: plan.schema,
    table: plan.table,
    primary_key: { column: plan.primary_key, value: read.row[plan.primary_key] ?? null },
    object_id: read.objectId,
    tenant: tenantKey === null ? null : { column: tenantKey, value: read.row[tenantKey] ?? null },
    before,
    patch: policy.patch,
    allowed_columns: capability.allowed_columns,
    expected_version: policy.expectedVersion,
    evidence: { bundle_id: evidenceBundleId, query_fingerprint: read.fingerprint },
    required_role: capability.approval?.required_role ?? null,
    expires_at: capability.approval?.expires_after ? addDuration(createdAt, capability.approval.expires_after) : null,
    writeback: {
      mode: executorTypeOf(deps.config, capability) === 'sql_update' ? 'direct_update' : 'app_handler',
      executor: capability.executor ?? 'sql_update',
    },
    created_at: createdAt,
  });
  const dedupeKey = dedupeKeyOf({
    action: capability.name,
    source_id: plan.source_id,
    schema: plan.schema,
    table: plan.table,
    tenant_id: context.tenant_id,
    principal: context.principal,
    object_id: read.objectId,
    patch: policy.patch,
    expected_version: policy.expectedVersion,
  });
  const event = (kind: NewEvent['kind'], proposalId: string, payload: NewEvent['payload']): NewEvent => ({
    event_id: newId('evt', deps.random),
    proposal_id: proposalId,
    kind,
    actor: context.principal,
    payload,
    created_at: createdAt,
  });
  const result = await deps.store.createProposal({
    dedupe_key: dedupeKey,
    now: createdAt,
    build(existing) {
      const proposalId = existing?.proposal_id ?? changeSet.proposal_id;
      const diff = { before, patch: policy.patch, after: overlay(before, policy.patch) };
      const { evidence, audit } = readRecords(capability, read, context, { ...args }, { evidenceBundleId, proposalId, createdAt, diff });
      const events = existing
        ? [event('proposal_deduplicated', proposalId, { evidence_bundle_id: evidenceBundleId })]
        : [event('proposal_created', proposalId, { proposal_hash: changeSet.integrity.proposal_hash, evidence_bundle_id: evidenceBundleId })];
      const proposal = existing ? null : buildProposalRecord(changeSet, { dedupe_key: dedupeKey, context });
      return { proposal, evidence, query_audit: audit, events };
    },
  });
  trace.evidenceBundleId = evidenceBundleId;
  trace.proposalId = result.proposal.proposal_id;
  return { proposal: result.proposal, reused: result.reused, evidenceBundleId };
}
