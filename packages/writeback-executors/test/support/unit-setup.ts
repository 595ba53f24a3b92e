import type { ExecutorType, LedgerStore, WritebackExecutor } from '@synapsor/core';
import { createMemoryLedgerStore } from '@synapsor/core/testing';
import type { ApplyOptions } from '../../src/index.js';
import { ENV, makeConfig } from './fixtures.js';
import { createProposer, fakeInvoices, overrideStore, type ProposeInput } from './ledger.js';
import { recordingExecutor } from './recording-executor.js';

export const NOW = new Date('2026-06-20T15:00:00.000Z');
export const clock = { now: () => new Date(NOW) };

const HANDLER_ACTIONS: Record<string, string> = {
  billing_api: 'billing.propose_waiver_via_api',
  ticket_cmd: 'billing.propose_waiver_via_command',
};

/**
 * A memory ledger with one proposal made by core's runtime (approved unless `approve: false`),
 * a recording executor, and `apply` options at 15:00 on host `test-host`.
 */
export async function unitSetup(input: { type?: ExecutorType; name?: string; propose?: ProposeInput; approve?: boolean; config?: Record<string, any> } = {}) {
  const type = input.type ?? 'sql_update';
  const name = input.name ?? 'sql_update';
  const store: LedgerStore = createMemoryLedgerStore();
  const proposer = createProposer({ store, source: fakeInvoices(), ...(input.config ? { config: input.config } : {}) });
  const propose = { action: HANDLER_ACTIONS[name], ...input.propose };
  const proposal = input.approve === false ? await proposer.propose(propose) : await proposer.approved(propose);
  const recorder = recordingExecutor(type, name);
  const options = (extra: Partial<ApplyOptions> = {}): ApplyOptions => ({
    config: makeConfig(),
    store,
    executors: { [name]: recorder.executor } as Record<string, WritebackExecutor>,
    actor: 'billing.lead',
    env: { ...ENV },
    clock,
    hostname: 'test-host',
    pid: 4242,
    isPidAlive: () => true,
    ...extra,
  });
  return { store, proposer, proposal, recorder, options };
}

/** Runs `options` against a store whose receipt write dies: the claim stays, like a crash. */
export function crashingBeforeReceipt(store: LedgerStore): LedgerStore {
  return overrideStore(store, { recordReceipt: () => Promise.reject(new Error('killed')) });
}
