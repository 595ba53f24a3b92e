import { hashCanonical } from '../hashing/index.js';
import { buildReadRecordedEvent } from '../plan/records.js';
import { evidenceContentHash, proposalHashOf, queryAuditContentHash, receiptHashOf } from '../ledger/record-hashes.js';
import type { ClaimInput, CreateProposalInput, DecideInput, RecordReadInput, RecordReceiptInput } from '../ports/ledger-store.js';
import type {
  ChangeSet,
  EvidenceBundle,
  ExecutionReceipt,
  ProposalRecord,
  QueryAuditRecord,
  ReceiptStatus,
  Row,
  WritebackJob,
} from '../records/index.js';

export interface ReadSpec {
  tenant?: string;
  principal?: string;
  capability?: string;
  object_id?: string;
  table?: string;
  at?: string;
  row?: Row;
  outcome?: 'ok' | 'not_found';
  proposal_id?: string | null;
}

export interface ProposalSpec extends ReadSpec {
  mode?: 'review' | 'shadow';
  expires_at?: string | null;
  required_role?: string | null;
  patch?: Row;
}

/**
 * Builders of valid, correctly hashed ledger records for store tests (conformance suite,
 * store packages). Ids come from a counter so every run is reproducible.
 */
export class LedgerFixtures {
  private counter = 0;

  /** `idSalt` (hex) keeps ids distinct when several processes write one store. */
  constructor(
    readonly baseTime = Date.parse('2026-06-20T14:00:00.000Z'),
    private readonly idSalt = '',
  ) {}

  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${(this.idSalt + this.counter.toString(16).padStart(12, '0')).padStart(24, '0')}`;
  }

  /** Base time + `minutes`, ISO with milliseconds. */
  at(minutes = 0): string {
    return new Date(this.baseTime + minutes * 60_000).toISOString();
  }

  private records(spec: ReadSpec, kind: 'read' | 'proposal'): { evidence: EvidenceBundle; audit: QueryAuditRecord } {
    const table = spec.table ?? 'invoices';
    const objectId = spec.object_id ?? 'INV-1';
    const createdAt = spec.at ?? this.at();
    const row = spec.row ?? { id: objectId, status: 'open', amount_due: '10.00' };
    const evidenceId = this.id('ev');
    const auditId = this.id('qa');
    const tenant = spec.tenant ?? 'tenant_a';
    const principal = spec.principal ?? 'agent_1';
    const capability = spec.capability ?? 'billing.inspect_invoice';
    const fingerprint = hashCanonical({ table, tenant });
    const proposalId = spec.proposal_id ?? null;
    const evidence = {
      evidence_bundle_id: evidenceId,
      kind,
      capability,
      source_id: 'app',
      target: `public.${table}`,
      object_type: table,
      object_id: objectId,
      tenant_id: tenant,
      principal,
      provenance: 'environment',
      arguments: { invoice_id: objectId },
      query_fingerprint: fingerprint,
      query_audit_id: auditId,
      proposal_id: proposalId,
      source_database_changed: false as const,
      created_at: createdAt,
      items: [
        {
          kind: 'external_row' as const,
          source_id: 'app',
          schema: 'public',
          table,
          primary_key: { column: 'id', value: objectId },
          tenant: { column: 'tenant_id', value: tenant },
          version: { column: 'updated_at', value: '2026-06-20T13:00:00.000Z' },
          row_hash: hashCanonical(row),
          visible_row: row,
        },
      ],
      content_hash: '',
    } satisfies EvidenceBundle;
    evidence.content_hash = evidenceContentHash(evidence);
    const found = (spec.outcome ?? 'ok') === 'ok';
    const audit: QueryAuditRecord = {
      query_audit_id: auditId,
      evidence_bundle_id: found ? evidenceId : null,
      proposal_id: proposalId,
      capability,
      kind,
      source_id: 'app',
      engine: 'postgres',
      tenant_id: tenant,
      principal,
      business_object: table,
      object_id: objectId,
      table_name: `public.${table}`,
      columns: Object.keys(row),
      tenant_bound: true,
      statement_template: `SELECT "id" FROM "public"."${table}" WHERE "id" = $1 AND "tenant_id" = $2 LIMIT 2`,
      parameters_redacted: true,
      query_fingerprint: fingerprint,
      row_count: found ? 1 : 0,
      outcome: found ? 'ok' : 'not_found',
      error_code: found ? null : 'ROW_NOT_FOUND',
      duration_ms: 3,
      created_at: createdAt,
      content_hash: '',
    };
    audit.content_hash = queryAuditContentHash(audit);
    return { evidence, audit };
  }

  read(spec: ReadSpec = {}): RecordReadInput {
    const { evidence, audit } = this.records(spec, 'read');
    const stored = audit.outcome === 'ok' ? evidence : null;
    return {
      evidence: stored,
      query_audit: audit,
      event: buildReadRecordedEvent({ event_id: this.id('evt'), actor: audit.principal, audit, evidence: stored }),
    };
  }

  changeSet(proposalId: string, evidence: EvidenceBundle, spec: ProposalSpec): ChangeSet {
    const before = { status: 'open' };
    const patch = spec.patch ?? { status: 'void' };
    const cs: ChangeSet = {
      schema_version: 'synapsor.change-set.v1',
      proposal_id: proposalId,
      proposal_version: 1,
      action: evidence.capability,
      mode: spec.mode === 'shadow' ? 'shadow' : 'review_required',
      principal: { id: evidence.principal, source: 'environment' },
      scope: { tenant_id: evidence.tenant_id, principal: evidence.principal, object_type: evidence.object_type, object_id: evidence.object_id, business_object: evidence.object_type },
      source: { kind: 'external_postgres', source_id: 'app', schema: 'public', table: evidence.object_type, primary_key: { column: 'id', value: evidence.object_id } },
      before,
      patch,
      after: { ...before, ...patch },
      guards: { tenant: { column: 'tenant_id', value: evidence.tenant_id }, allowed_columns: ['status'], expected_version: { column: 'updated_at', value: '2026-06-20T13:00:00.000Z' } },
      evidence: { bundle_id: evidence.evidence_bundle_id, query_fingerprint: evidence.query_fingerprint },
      approval: { mode: 'human', status: 'pending', required_role: spec.required_role ?? null, expires_at: spec.expires_at ?? null },
      writeback: { status: 'not_applied', mode: 'direct_update', executor: 'sql_update' },
      source_database_mutated: false,
      created_at: evidence.created_at,
      integrity: { proposal_hash: '' },
    };
    cs.integrity.proposal_hash = proposalHashOf(cs);
    return cs;
  }

  /** A `createProposal` input; `dedupe_key` is derived from scope + patch like the runtime's. */
  proposal(spec: ProposalSpec = {}, now = spec.at ?? this.at()): CreateProposalInput {
    const capability = spec.capability ?? 'billing.void_invoice';
    const dedupeKey = hashCanonical({
      action: capability, tenant: spec.tenant ?? 'tenant_a', principal: spec.principal ?? 'agent_1',
      object_id: spec.object_id ?? 'INV-1', patch: spec.patch ?? { status: 'void' },
    });
    return {
      dedupe_key: dedupeKey,
      now,
      build: (existing) => {
        const proposalId = existing?.proposal_id ?? this.id('wrp');
        const { evidence, audit } = this.records({ ...spec, capability, proposal_id: proposalId }, 'proposal');
        const event = (kind: 'proposal_created' | 'proposal_deduplicated', payload: Record<string, string>) => ({
          event_id: this.id('evt'), proposal_id: proposalId, kind, actor: evidence.principal, payload, created_at: evidence.created_at,
        });
        if (existing) {
          return { proposal: null, evidence, query_audit: audit, events: [event('proposal_deduplicated', { evidence_bundle_id: evidence.evidence_bundle_id })] };
        }
        const cs = this.changeSet(proposalId, evidence, spec);
        const proposal: ProposalRecord = {
          proposal_id: proposalId, proposal_version: 1, proposal_hash: cs.integrity.proposal_hash, dedupe_key: dedupeKey,
          action: capability, mode: spec.mode ?? 'review', state: spec.mode === 'shadow' ? 'shadow' : 'pending_review',
          tenant_id: evidence.tenant_id, principal: evidence.principal, provenance: 'environment',
          object_type: evidence.object_type, object_id: evidence.object_id, source_kind: 'external_postgres', source_id: 'app',
          source_schema: 'public', source_table: evidence.object_type, executor: 'sql_update',
          required_role: spec.required_role ?? null, expires_at: spec.expires_at ?? null,
          evidence_bundle_id: evidence.evidence_bundle_id, change_set: cs, created_at: evidence.created_at, updated_at: evidence.created_at,
        };
        return { proposal, evidence, query_audit: audit, events: [event('proposal_created', { proposal_hash: cs.integrity.proposal_hash, evidence_bundle_id: evidence.evidence_bundle_id })] };
      },
    };
  }

  decide(proposalId: string, overrides: Partial<DecideInput> = {}): DecideInput {
    return {
      proposal_id: proposalId, decision: 'approved', actor: 'operator_1', actor_source: 'flag', roles: ['billing_lead'],
      config_required_role: null, config_mode: 'review', reason: null,
      approval_id: this.id('apr'), event_id: this.id('evt'), now: this.at(1), ...overrides,
    };
  }

  job(proposal: ProposalRecord, attempt: number, now = this.at(2)): WritebackJob {
    return {
      schema_version: 'synapsor.writeback-job.v1', writeback_job_id: `wbj_${proposal.proposal_id}`,
      proposal_id: proposal.proposal_id, proposal_version: proposal.proposal_version, proposal_hash: proposal.proposal_hash,
      runner_scope: { project_id: 'local', source_id: proposal.source_id }, engine: 'postgres', operation: 'single_row_update',
      executor: { name: 'sql_update', type: 'sql_update' },
      target: { schema: proposal.source_schema, table: proposal.source_table, primary_key: { column: 'id', value: proposal.object_id } },
      tenant_guard: { column: 'tenant_id', value: proposal.tenant_id }, allowed_columns: ['status'], patch: proposal.change_set.patch,
      conflict_guard: { kind: 'column', column: 'updated_at', expected_value: '2026-06-20T13:00:00.000Z', bump: 'now' },
      idempotency_key: `${proposal.proposal_id}:${proposal.object_id}`, attempt,
      lease: { lease_id: this.id('lease'), expires_at: this.at(7), holder: { hostname: 'host-a', pid: 4242 } }, created_at: now,
    };
  }

  claim(proposal: ProposalRecord, attempt = 1, fromStates: ClaimInput['from_states'] = ['approved'], now = this.at(2)): ClaimInput {
    const job = this.job(proposal, attempt, now);
    return {
      proposal_id: proposal.proposal_id, from_states: fromStates, job, now,
      event: { event_id: this.id('evt'), proposal_id: proposal.proposal_id, kind: 'writeback_started', actor: 'operator_1',
        payload: { writeback_job_id: job.writeback_job_id, attempt, executor: 'sql_update', lease_expires_at: job.lease.expires_at }, created_at: now },
    };
  }

  receipt(job: WritebackJob, status: ReceiptStatus = 'applied', now = this.at(3)): RecordReceiptInput {
    const receipt: ExecutionReceipt = {
      schema_version: 'synapsor.execution-receipt.v1', receipt_id: this.id('rct'), writeback_job_id: job.writeback_job_id,
      proposal_id: job.proposal_id, attempt: job.attempt, executor: job.executor, runner_id: 'local_runner',
      idempotency_key: job.idempotency_key, status, rows_affected: status === 'applied' ? 1 : 0,
      previous_version: '2026-06-20T13:00:00.000Z', new_version: status === 'applied' ? '2026-06-20T14:03:00.000Z' : null,
      source_database_mutated: status === 'applied', safe_error_code: status === 'failed' ? 'TRANSACTION_FAILED' : status === 'conflict' ? 'VERSION_CONFLICT' : null,
      details: {}, executed_at: now, duration_ms: 12, receipt_hash: '',
    };
    receipt.receipt_hash = receiptHashOf(receipt);
    const newState = status === 'already_applied' ? 'applied' : status;
    return {
      receipt, new_state: newState, now,
      event: { event_id: this.id('evt'), proposal_id: job.proposal_id, kind: `writeback_${status}`, actor: 'local_runner',
        payload: { receipt_id: receipt.receipt_id, receipt_hash: receipt.receipt_hash, attempt: job.attempt, safe_error_code: receipt.safe_error_code }, created_at: now },
    };
  }
}
