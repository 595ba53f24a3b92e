import { describe, expect, it } from 'vitest';
import { hashCanonical } from '../../src/hashing/index.js';
import { referenceJson, referenceTables, validated } from './support/fixtures.js';
import { harness } from './support/harness.js';

const WAIVER = { invoice_id: 'INV-3001', reason: 'first late payment' };

describe('proposal path', () => {
  it('creates a proposal with the diff and leaves the source untouched', async () => {
    const h = harness();
    const before = structuredClone(h.source.tables);
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.ok).toBe(true);
    expect(envelope.kind).toBe('proposal');
    expect(envelope.data).toBeNull();
    const proposal = envelope.proposal!;
    expect(proposal.id).toMatch(/^wrp_[0-9a-f]{24}$/);
    expect(proposal).toMatchObject({
      state: 'review_required',
      reused: false,
      target: 'invoices:INV-3001',
      approval_required: true,
      required_role: 'billing_lead',
      expires_at: null,
      writeback: { mode: 'direct_update', applied: false },
      resource: `synapsor://proposals/${proposal.id}`,
      next: 'A person must approve this outside this tool; nothing is committed yet.',
    });
    expect(proposal.diff).toEqual({
      late_fee_cents: { before: 5500, proposed: 0 },
      waiver_reason: { before: null, proposed: 'first late payment' },
    });
    expect(envelope.summary).toBe(
      `Created proposal ${proposal.id} for invoices INV-3001; it needs human approval. Source database changed: no.`,
    );
    expect(envelope.source_database_changed).toBe(false);
    expect(h.source.tables).toEqual(before);
    expect(h.source.calls.map((c) => c.method)).toEqual(['readOne']);
  });

  it('stores a change set whose hash, guards and links match the spec', async () => {
    const h = harness();
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const stored = await h.store.getProposal(envelope.proposal!.id);
    const cs = stored!.change_set;
    const { integrity, ...body } = cs;
    expect(integrity.proposal_hash).toBe(hashCanonical(body));
    expect(stored!.state).toBe('pending_review');
    expect(cs).toMatchObject({
      schema_version: 'synapsor.change-set.v1',
      proposal_version: 1,
      action: 'billing.propose_late_fee_waiver',
      mode: 'review_required',
      principal: { id: 'support.agent', source: 'environment' },
      scope: { tenant_id: 'acme', principal: 'support.agent', object_type: 'invoices', object_id: 'INV-3001', business_object: 'invoices' },
      source: { kind: 'external_postgres', source_id: 'app_postgres', schema: 'public', table: 'invoices', primary_key: { column: 'id', value: 'INV-3001' } },
      patch: { late_fee_cents: 0, waiver_reason: 'first late payment' },
      guards: {
        tenant: { column: 'tenant_id', value: 'acme' },
        allowed_columns: ['late_fee_cents', 'waiver_reason'],
        expected_version: { column: 'updated_at', value: '2026-06-20T14:31:08Z' },
      },
      evidence: { bundle_id: envelope.evidence!.bundle_id },
      approval: { mode: 'human', status: 'pending', required_role: 'billing_lead', expires_at: null },
      writeback: { status: 'not_applied', mode: 'direct_update', executor: 'sql_update' },
      source_database_mutated: false,
    });
    expect(cs.after).toEqual({ ...cs.before, late_fee_cents: 0, waiver_reason: 'first late payment' });
    const evidence = await h.store.getEvidence(envelope.evidence!.bundle_id);
    expect(evidence).toMatchObject({ kind: 'proposal', proposal_id: stored!.proposal_id });
    expect(evidence!.items.map((i) => i.kind)).toEqual(['external_row', 'proposal_diff']);
    expect(evidence!.items[0]).toMatchObject({ version: { column: 'updated_at', value: '2026-06-20T14:31:08Z' } });
    const events = await h.store.listEvents();
    expect(events.map((e) => e.kind)).toEqual(['proposal_created']);
    expect(events[0]!.payload).toEqual({ proposal_hash: integrity.proposal_hash, evidence_bundle_id: envelope.evidence!.bundle_id });
  });

  it('reuses a waiting identical proposal and links the new evidence to it', async () => {
    const h = harness();
    const first = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const second = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(second.ok).toBe(true);
    expect(second.proposal!.id).toBe(first.proposal!.id);
    expect(second.proposal!.reused).toBe(true);
    expect(second.summary).toBe(
      `Proposal ${first.proposal!.id} for invoices INV-3001 is already waiting for review. Source database changed: no.`,
    );
    expect(second.evidence!.bundle_id).not.toBe(first.evidence!.bundle_id);
    expect(await h.store.listProposals()).toHaveLength(1);
    const evidence = await h.store.getEvidence(second.evidence!.bundle_id);
    expect(evidence!.proposal_id).toBe(first.proposal!.id);
    expect((await h.store.listEvents()).map((e) => e.kind)).toEqual(['proposal_created', 'proposal_deduplicated']);
  });

  it('creates a new proposal when the patch differs', async () => {
    const h = harness();
    const first = await h.call('billing.propose_late_fee_waiver', WAIVER);
    const other = await h.call('billing.propose_late_fee_waiver', { ...WAIVER, reason: 'goodwill' });
    expect(other.proposal!.reused).toBe(false);
    expect(other.proposal!.id).not.toBe(first.proposal!.id);
  });

  it('accepts an allowed transition (open → pending_review)', async () => {
    const h = harness();
    const envelope = await h.call('support.propose_ticket_resolution', { ticket_id: 'T-1042', resolution_note: 'waived' });
    expect(envelope.ok).toBe(true);
    expect(envelope.proposal!.diff.status).toEqual({ before: 'open', proposed: 'pending_review' });
    expect(envelope.proposal!.required_role).toBe('support_lead');
  });

  it('refuses a transition that is not allowed and records what was read', async () => {
    const h = harness();
    const envelope = await h.call('orders.propose_status_change', { order_id: 'O-1002', status: 'canceled', reason: 'r' });
    expect(envelope.ok).toBe(false);
    expect(envelope.error?.code).toBe('POLICY_VIOLATION');
    expect(envelope.error?.message).toContain('PATCH_TRANSITION_NOT_ALLOWED');
    expect(envelope.proposal).toBeNull();
    expect(await h.store.listProposals()).toEqual([]);
    const evidenceId = envelope.evidence!.bundle_id;
    expect(await h.store.getEvidence(evidenceId)).toMatchObject({ kind: 'proposal', proposal_id: null });
    expect((await h.store.listQueryAudit())[0]).toMatchObject({ outcome: 'ok', evidence_bundle_id: evidenceId });
  });

  it('refuses a no-op proposal with NO_CHANGE', async () => {
    const tables = referenceTables();
    tables['public.invoices']![0]!.late_fee_cents = 0;
    tables['public.invoices']![0]!.waiver_reason = 'first late payment';
    const h = harness({ tables });
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.error?.code).toBe('POLICY_VIOLATION');
    expect(envelope.error?.message).toContain('NO_CHANGE');
  });

  it('treats a number equal to the stored decimal string as no change', async () => {
    const tables = referenceTables();
    tables['public.invoices']![0]!.late_fee_cents = '0.00';
    tables['public.invoices']![0]!.waiver_reason = 'first late payment';
    const h = harness({ tables });
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.error?.message).toContain('NO_CHANGE');
  });

  it('answers APPROVAL_REQUIRED for a proposal tool in read_only mode without touching the source', async () => {
    const h = harness({ readOnly: true });
    expect(h.runtime.mode).toBe('read_only');
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.error?.code).toBe('APPROVAL_REQUIRED');
    expect(envelope.error?.message).toContain('PROPOSALS_DISABLED');
    expect(h.source.calls).toEqual([]);
    expect(h.runtime.listTools().every((tool) => tool._meta['synapsor.kind'] === 'read')).toBe(true);
  });

  it('records a shadow proposal in shadow mode', async () => {
    const json = referenceJson();
    json.mode = 'shadow';
    const h = harness({ config: validated(json) });
    const envelope = await h.call('billing.propose_late_fee_waiver', WAIVER);
    expect(envelope.proposal!.state).toBe('shadow_proposal_created');
    expect((await h.store.getProposal(envelope.proposal!.id))!.state).toBe('shadow');
  });
});
