import type { CapabilityConfig, ConfigMode } from '../config/index.js';
import {
  envelopeError,
  failureEnvelope,
  legacyErrorEnvelope,
  legacyProposalEnvelope,
  legacyReadEnvelope,
  proposalSuccessEnvelope,
  readSuccessEnvelope,
  toCallResult,
} from '../envelope/index.js';
import { proposalDiffOf, proposalViewOf } from '../proposal/index.js';
import type { ProposalRecord, Row, TrustedContext } from '../records/index.js';
import type { ResultFormat, ToolCallResult } from './types.js';
import { metaOf, type CallTrace } from './context.js';

export interface ReadAnswer {
  capability: CapabilityConfig;
  context: TrustedContext;
  objectId: string;
  row: Row;
  evidenceBundleId: string;
}

export function readResult(format: ResultFormat, mode: ConfigMode, answer: ReadAnswer): ToolCallResult {
  const common = {
    action: answer.capability.name,
    table: answer.capability.target.table,
    objectId: answer.objectId,
    row: answer.row,
    evidenceBundleId: answer.evidenceBundleId,
  };
  if (format === 1) return toCallResult(legacyReadEnvelope({ ...common, mode, context: answer.context }));
  return toCallResult(readSuccessEnvelope({ ...common, meta: metaOf(answer.capability, answer.context) }));
}

export interface ProposalAnswer {
  capability: CapabilityConfig;
  context: TrustedContext;
  proposal: ProposalRecord;
  reused: boolean;
  evidenceBundleId: string;
}

/** Built from the stored change set, so a reused proposal shows what is actually waiting. */
export function proposalResult(format: ResultFormat, answer: ProposalAnswer): ToolCallResult {
  const changeSet = answer.proposal.change_set;
  const visible = answer.capability.visible_columns;
  if (format === 1) {
    return toCallResult(
      legacyProposalEnvelope({ changeSet, diff: proposalDiffOf(changeSet, visible), evidenceBundleId: answer.evidenceBundleId }),
    );
  }
  return toCallResult(
    proposalSuccessEnvelope({
      action: answer.capability.name,
      table: changeSet.scope.object_type,
      objectId: changeSet.scope.object_id,
      proposal: proposalViewOf(changeSet, visible, answer.reused),
      evidenceBundleId: answer.evidenceBundleId,
      meta: metaOf(answer.capability, answer.context),
    }),
  );
}

/** v2: an `ok: false` envelope (never `isError`); v1: `isError` with `{ok, code, error}`. */
export function failureResult(
  format: ResultFormat,
  trace: CallTrace,
  failure: { code: string; message: string; errorRef?: string },
): ToolCallResult {
  if (format === 1) return toCallResult(legacyErrorEnvelope(envelopeError(failure.code, failure.message, failure.errorRef)), true);
  return toCallResult(
    failureEnvelope({
      action: trace.action,
      kind: trace.kind,
      code: failure.code,
      message: failure.message,
      meta: trace.meta,
      ...(failure.errorRef ? { errorRef: failure.errorRef } : {}),
      evidenceBundleId: trace.evidenceBundleId,
    }),
  );
}
