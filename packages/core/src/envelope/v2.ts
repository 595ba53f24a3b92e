import { SAFE_ERROR_CODES, toSafeErrorCode } from '../errors/index.js';
import type { CapabilityKind, Row } from '../records/index.js';
import { EVIDENCE_NOTE, evidenceUri } from './refs.js';
import type { EnvelopeError, EnvelopeMeta, EnvelopeV2, EvidenceRef, ProposalView } from './types.js';

type Meta = EnvelopeMeta | Record<string, never>;

function evidenceRef(bundleId: string | null): EvidenceRef | null {
  return bundleId === null ? null : { bundle_id: bundleId, resource: evidenceUri(bundleId), note: EVIDENCE_NOTE };
}

export interface ReadSuccessInput {
  action: string;
  table: string;
  objectId: string;
  row: Row;
  evidenceBundleId: string;
  meta: EnvelopeMeta;
}

export function readSuccessEnvelope(input: ReadSuccessInput): EnvelopeV2 {
  return {
    ok: true,
    summary: `Read ${input.table} ${input.objectId} through ${input.action}. Source database changed: no.`,
    action: input.action,
    kind: 'read',
    data: input.row,
    proposal: null,
    error: null,
    evidence: evidenceRef(input.evidenceBundleId),
    source_database_changed: false,
    _meta: input.meta,
  };
}

export interface ProposalSuccessInput {
  action: string;
  table: string;
  objectId: string;
  proposal: ProposalView;
  evidenceBundleId: string;
  meta: EnvelopeMeta;
}

export function proposalSuccessEnvelope(input: ProposalSuccessInput): EnvelopeV2 {
  const { id, reused } = input.proposal;
  const summary = reused
    ? `Proposal ${id} for ${input.table} ${input.objectId} is already waiting for review. Source database changed: no.`
    : `Created proposal ${id} for ${input.table} ${input.objectId}; it needs human approval. Source database changed: no.`;
  return {
    ok: true,
    summary,
    action: input.action,
    kind: 'proposal',
    data: null,
    proposal: input.proposal,
    error: null,
    evidence: evidenceRef(input.evidenceBundleId),
    source_database_changed: false,
    _meta: input.meta,
  };
}

export interface FailureInput {
  action: string;
  kind: CapabilityKind | null;
  /** Internal safe code (e.g. `ARGUMENT_TOO_LONG`); mapped to the model-facing code here. */
  code: string;
  /** Safe text written at the refusal site; ignored for `INTERNAL` (the ref replaces it). */
  message: string;
  meta: Meta;
  /** Required when the code maps to `INTERNAL`: the ref also goes to the server log. */
  errorRef?: string;
  evidenceBundleId?: string | null;
}

/** The model-facing error object; the internal code is named so the model can fix its call. */
export function envelopeError(code: string, message: string, errorRef?: string): EnvelopeError {
  const safe = toSafeErrorCode(code);
  const info = SAFE_ERROR_CODES[safe];
  const text =
    safe === 'INTERNAL'
      ? `An internal error stopped this call (ref ${errorRef ?? 'err_000000000000'})`
      : code === safe
        ? message
        : `${message} (${code})`;
  return { code: safe, message: text, retryable: info.retryable, hint: info.hint };
}

export function failureEnvelope(input: FailureInput): EnvelopeV2 {
  const error = envelopeError(input.code, input.message, input.errorRef);
  return {
    ok: false,
    summary: error.message,
    action: input.action,
    kind: input.kind,
    data: null,
    proposal: null,
    error,
    evidence: evidenceRef(input.evidenceBundleId ?? null),
    source_database_changed: false,
    _meta: input.meta,
  };
}
