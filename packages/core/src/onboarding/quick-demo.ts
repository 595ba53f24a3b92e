import { isProposalCapability, type RunnerConfig } from '../config/index.js';
import { resolveTrustedContext } from '../context/index.js';
import { SynapsorError } from '../errors/index.js';
import { isoNow, type Clock } from '../ids/index.js';
import { buildReadPlan, objectIdOf, queryFingerprint } from '../plan/index.js';
import type { CreateProposalInput, ReadPlan } from '../ports/index.js';
import type { Row } from '../records/index.js';
import { validateArguments } from '../tools/index.js';
import { applyPolicy, draftProposal } from '../runtime/proposal-write.js';
import type { RowRead } from '../runtime/execute-read.js';

/** INV-3001 as the reference seed has it (examples.md), with normalised values. */
export const QUICK_DEMO_ROW: Readonly<Row> = {
  id: 'INV-3001',
  tenant_id: 'acme',
  customer_id: 'cust_acme_1',
  status: 'overdue',
  balance_cents: 25500,
  late_fee_cents: 5500,
  waiver_reason: null,
  updated_at: '2026-06-20T14:31:08Z',
};

/** Fixed ids of cli.md `demo --quick`, so docs and follow-up commands can name them. */
export const QUICK_DEMO_IDS = {
  proposalId: 'wrp_quick_INV_3001',
  evidenceBundleId: 'ev_quick_INV_3001',
  queryAuditId: 'qa_quick_INV_3001',
  eventId: 'evt_quick_INV_3001_created',
} as const;

export const QUICK_DEMO_CAPABILITY = 'billing.propose_late_fee_waiver';
const QUICK_DEMO_ARGS = { invoice_id: 'INV-3001', reason: 'first late payment' };
/** The reference config's trusted-context env names, answered by the fixture. */
const QUICK_DEMO_ENV = { SYNAPSOR_TENANT_ID: 'acme', SYNAPSOR_PRINCIPAL: 'support.agent' };

export interface QuickDemoFixture {
  proposal_id: string;
  evidence_bundle_id: string;
  query_audit_id: string;
  /** For `LedgerStore.createProposal`: the proposal, its evidence, query audit and event. */
  write: CreateProposalInput;
}

/**
 * The `demo --quick` ledger fixture: the late-fee-waiver proposal on INV-3001 built exactly as
 * the runtime builds one (same policy, change set, evidence and audit builders), but from the
 * seed row instead of a database and with fixed ids. Pure: `readTemplate` is the statement text
 * the engine's adapter would run (for the query audit), `clock` stamps the records.
 */
export function buildQuickDemoFixture(input: { config: RunnerConfig; readTemplate: (plan: ReadPlan) => string; clock: Clock }): QuickDemoFixture {
  const { config } = input;
  const capability = config.capabilities.find((entry) => entry.name === QUICK_DEMO_CAPABILITY);
  if (capability === undefined || !isProposalCapability(capability)) {
    throw new SynapsorError('DEMO_CONFIG_INVALID', `the config has no proposal capability ${QUICK_DEMO_CAPABILITY}`);
  }
  const args = validateArguments(capability, QUICK_DEMO_ARGS);
  const context = resolveTrustedContext(config, capability, QUICK_DEMO_ENV);
  const plan = buildReadPlan(config, capability, QUICK_DEMO_ARGS.invoice_id, context);
  const row: Row = {};
  for (const column of plan.columns) row[column] = QUICK_DEMO_ROW[column] ?? null;
  const read: RowRead = {
    plan,
    row,
    objectId: objectIdOf(QUICK_DEMO_ARGS.invoice_id),
    fingerprint: queryFingerprint(plan, context.tenant_id),
    template: input.readTemplate(plan),
    durationMs: 0,
    queryAuditId: QUICK_DEMO_IDS.queryAuditId,
  };
  const { write } = draftProposal({
    config,
    mode: config.mode,
    capability,
    args,
    read,
    context,
    policy: applyPolicy(capability, args, row),
    ids: QUICK_DEMO_IDS,
    createdAt: isoNow(input.clock),
  });
  return {
    proposal_id: QUICK_DEMO_IDS.proposalId,
    evidence_bundle_id: QUICK_DEMO_IDS.evidenceBundleId,
    query_audit_id: QUICK_DEMO_IDS.queryAuditId,
    write,
  };
}
