import type { ExecutionReceipt } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { LIST_FILTERS } from '../support/ledger-filters.js';
import { registerRecordGroup } from '../support/record-commands.js';

/** `receipts list|show`: the outcome of every writeback attempt. */
export const registerReceipts: CommandGroup = (program, context) => {
  registerRecordGroup<ExecutionReceipt>(program, context, {
    name: 'receipts',
    description: 'inspect execution receipts (one per writeback attempt)',
    noun: 'receipt',
    jsonKey: 'receipt',
    filters: LIST_FILTERS.receipts,
    list: (store, filter) => store.listReceipts(filter),
    get: (store, id) => store.getReceipt(id),
    notFoundCode: 'RECEIPT_NOT_FOUND',
    idOf: (record) => record.receipt_id,
    headers: ['executed_at', 'receipt_id', 'proposal_id', 'attempt', 'status', 'rows', 'safe_code'],
    row: (r) => [r.executed_at, r.receipt_id, r.proposal_id, r.attempt, r.status, r.rows_affected, r.safe_error_code],
    next: (r) => [`synapsor-runner replay ${r.proposal_id}`],
  });
};
