import { addDuration, executorTypeOf, type ConfigMode, type ProposalCapabilityConfig, type RunnerConfig } from '../config/index.js';
import { patchColumnsOf, rowHashColumnsOf, tenantKeyOf } from '../plan/index.js';
import type { CreateProposalInput, ProposalWrite } from '../ports/index.js';
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
import type { ChangeSet, ExpectedVersion, NewEvent, ProposalRecord, Row, TrustedContext } from '../records/index.js';
import type { ValidatedArguments } from '../tools/index.js';
import type { RowRead } from './execute-read.js';
import { readRecords, rowHashOf } from './read-records.js';

export interface Policy {
  patch: Row;
  expectedVersion: ExpectedVersion;
}

/** Steps 12–14, in spec order: patch, numeric and transition guards, no-op, expected version. */
export function applyPolicy(capability: ProposalCapabilityConfig, args: ValidatedArguments, row: Row): Policy {
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

/** Ids are passed in: the runtime draws random ones, the quick-demo fixture uses fixed ones. */
export interface ProposalIds {
  proposalId: string;
  evidenceBundleId: string;
  /** The `proposal_created` / `proposal_deduplicated` event. */
  eventId: string;
}

export interface ProposalDraftInput {
  config: RunnerConfig;
  mode: ConfigMode;
  capability: ProposalCapabilityConfig;
  args: ValidatedArguments;
  read: RowRead;
  context: TrustedContext;
  policy: Policy;
  ids: ProposalIds;
  createdAt: string;
}

/**
 * Step 15, pure: the change set and the `createProposal` input whose `build` yields the
 * proposal, its evidence + query audit and the event, for a new proposal or a waiting duplicate.
 */
export function draftProposal(input: ProposalDraftInput): { changeSet: ChangeSet; write: CreateProposalInput } {
  const { config, capability, args, read, context, policy, ids, createdAt } = input;
  const { plan } = read;
  const tenantKey = tenantKeyOf(capability);
  const before = beforeOf(capability, read.row);
  const changeSet: ChangeSet = buildChangeSet({
    proposal_id: ids.proposalId,
    action: capability.name,
    mode: input.mode === 'shadow' ? 'shadow' : 'review_required',
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
    evidence: { bundle_id: ids.evidenceBundleId, query_fingerprint: read.fingerprint },
    required_role: capability.approval?.required_role ?? null,
    expires_at: capability.approval?.expires_after ? addDuration(createdAt, capability.approval.expires_after) : null,
    writeback: {
      mode: executorTypeOf(config, capability) === 'sql_update' ? 'direct_update' : 'app_handler',
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
    event_id: ids.eventId,
    proposal_id: proposalId,
    kind,
    actor: context.principal,
    payload,
    created_at: createdAt,
  });
  const build = (existing: ProposalRecord | null): ProposalWrite => {
    const proposalId = existing?.proposal_id ?? changeSet.proposal_id;
    const diff = { before, patch: policy.patch, after: overlay(before, policy.patch) };
    const { evidence, audit } = readRecords(capability, read, context, { ...args }, { evidenceBundleId: ids.evidenceBundleId, proposalId, createdAt, diff });
    const events = existing
      ? [event('proposal_deduplicated', proposalId, { evidence_bundle_id: ids.evidenceBundleId })]
      : [event('proposal_created', proposalId, { proposal_hash: changeSet.integrity.proposal_hash, evidence_bundle_id: ids.evidenceBundleId })];
    const proposal = existing ? null : buildProposalRecord(changeSet, { dedupe_key: dedupeKey, context });
    return { proposal, evidence, query_audit: audit, events };
  };
  return { changeSet, write: { dedupe_key: dedupeKey, now: createdAt, build } };
}
