import type { SafeErrorCode } from '../errors/index.js';
import type { CapabilityKind, JsonObject, NormalizedValue, Row } from '../records/index.js';

/** `_meta` of an envelope; `{}` while the trusted context is not (yet) resolved. */
export interface EnvelopeMeta {
  tenant_id: string;
  principal: string;
  provenance: string;
  canonical_capability: string;
}

export interface EnvelopeError {
  code: SafeErrorCode;
  message: string;
  retryable: boolean;
  hint: string;
}

export interface EvidenceRef {
  bundle_id: string;
  resource: string;
  note: 'audit handle; no action needed';
}

/** `{column: {before, proposed}}`; `before` is absent for a patch column that is not visible. */
export type ProposalDiff = Record<string, { before?: NormalizedValue; proposed: NormalizedValue }>;

export interface ProposalView {
  id: string;
  state: 'review_required' | 'shadow_proposal_created';
  reused: boolean;
  target: string;
  diff: ProposalDiff;
  approval_required: true;
  required_role: string | null;
  expires_at: string | null;
  writeback: { mode: 'direct_update' | 'app_handler'; applied: false };
  resource: string;
  next: string;
}

/** Result envelope v2 (mcp.md): `ok` is the only field clients branch on. */
export interface EnvelopeV2 {
  ok: boolean;
  summary: string;
  action: string;
  kind: CapabilityKind | null;
  data: Row | null;
  proposal: ProposalView | null;
  error: EnvelopeError | null;
  evidence: EvidenceRef | null;
  source_database_changed: false;
  _meta: EnvelopeMeta | Record<string, never>;
}

export type LegacyEnvelope = JsonObject;
