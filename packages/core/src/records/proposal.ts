import type { ChangeSet } from './change-set.js';
import type { SourceKind } from './common.js';

export type ProposalState =
  | 'pending_review'
  | 'shadow'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'pending_worker'
  | 'applied'
  | 'conflict'
  | 'failed';

export const FINAL_PROPOSAL_STATES: readonly ProposalState[] = [
  'applied',
  'conflict',
  'rejected',
  'expired',
  'shadow',
];

/** Ledger row `wrp_…`: one change set plus its mutable lifecycle state. */
export interface ProposalRecord {
  proposal_id: string;
  proposal_version: number;
  proposal_hash: string;
  dedupe_key: string;
  action: string;
  mode: 'review' | 'shadow';
  state: ProposalState;
  tenant_id: string;
  principal: string;
  provenance: string;
  object_type: string;
  object_id: string;
  source_kind: SourceKind;
  source_id: string;
  source_schema: string;
  source_table: string;
  executor: string;
  required_role: string | null;
  expires_at: string | null;
  evidence_bundle_id: string;
  change_set: ChangeSet;
  created_at: string;
  updated_at: string;
}

export type ApprovalDecision = 'approved' | 'rejected';
export type ActorSource = 'flag' | 'env' | 'os_user';

export interface ApprovalRecord {
  approval_id: string;
  proposal_id: string;
  proposal_version: number;
  proposal_hash: string;
  decision: ApprovalDecision;
  actor: string;
  actor_source: ActorSource;
  roles: string[];
  required_roles: string[];
  reason: string | null;
  decided_at: string;
}
