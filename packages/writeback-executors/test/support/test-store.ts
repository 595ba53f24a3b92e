import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { checkClaim, checkReceipt } from '@synapsor/core';
import type {
  ApprovalRecord,
  ClaimInput,
  ExecutionReceipt,
  LedgerStore,
  NewEvent,
  ProposalRecord,
  RecordReceiptInput,
  WritebackJob,
} from '@synapsor/core';

/**
 * The slice of `LedgerStore` that `apply` uses, with core's claim/receipt rules. With `file`,
 * every call reloads and rewrites a JSON file, so separate processes (the crash test) share it.
 */
interface State {
  proposals: Record<string, ProposalRecord>;
  approvals: Record<string, ApprovalRecord[]>;
  jobs: Record<string, WritebackJob>;
  receipts: ExecutionReceipt[];
  events: NewEvent[];
}

export interface TestStore extends LedgerStore {
  state(): State;
  seed(proposal: ProposalRecord, approvals?: ApprovalRecord[]): void;
}

export function createTestStore(file?: string): TestStore {
  let memory: State = { proposals: {}, approvals: {}, jobs: {}, receipts: [], events: [] };
  const load = (): State => (file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as State) : memory);
  const save = (state: State): void => {
    memory = state;
    if (file) {
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    }
  };
  const copy = <T>(value: T): T => structuredClone(value);
  const store: Partial<TestStore> = {
    state: () => copy(load()),
    seed(proposal, approvals = []) {
      const state = load();
      state.proposals[proposal.proposal_id] = copy(proposal);
      state.approvals[proposal.proposal_id] = copy(approvals);
      save(state);
    },
    async getProposal(id) {
      return copy(load().proposals[id] ?? null);
    },
    async getJob(id) {
      return copy(load().jobs[id] ?? null);
    },
    async listApprovals(id) {
      return copy(load().approvals[id] ?? []);
    },
    async listReceiptsFor(id) {
      return copy(load().receipts.filter((receipt) => receipt.proposal_id === id));
    },
    async appendEvent(event) {
      const state = load();
      state.events.push(copy(event));
      save(state);
      return { ...event, seq: state.events.length, prev_hash: '', hash: '', pruned: false };
    },
    async claimWriteback(input: ClaimInput) {
      const state = load();
      const proposal = state.proposals[input.proposal_id] ?? null;
      const refusal = checkClaim(proposal, input, state.jobs[input.proposal_id] ?? null);
      if (refusal) throw refusal;
      proposal!.state = 'pending_worker';
      state.jobs[input.proposal_id] = copy(input.job);
      state.events.push(copy(input.event));
      save(state);
      return copy(proposal!);
    },
    async recordReceipt(input: RecordReceiptInput) {
      const state = load();
      const proposal = state.proposals[input.receipt.proposal_id] ?? null;
      const refusal = checkReceipt(proposal, input, state.jobs[input.receipt.proposal_id] ?? null);
      if (refusal) throw refusal;
      proposal!.state = input.new_state;
      state.receipts.push(copy(input.receipt));
      state.events.push(copy(input.event));
      save(state);
      return copy(proposal!);
    },
  };
  return store as TestStore;
}
