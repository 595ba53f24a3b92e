import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { addFilterOptions, filterFromOptions, LIST_FILTERS, type FilterOptions } from '../support/ledger-filters.js';
import { withLedger } from '../support/ledger-session.js';
import { printJson, printLines } from '../support/output.js';
import { textTable } from '../support/record-format.js';

/** `activity search`: proposals, reads and receipts merged into one newest-first list. */
export const registerActivity: CommandGroup = (program, context) => {
  const { io } = context;
  const activity = program.command('activity').description('search the interactions recorded in the ledger');
  const search = activity.command('search').description('one time-ordered list of proposals, reads and receipts').option('--json', 'JSON output');
  addFilterOptions(search, LIST_FILTERS.activity).action(
    action<FilterOptions & { json?: boolean }>(context, async (options) => {
      const filter = filterFromOptions(options);
      const items = await withLedger(io, options, (store) => store.activity(filter));
      if (options.json) return printJson(io, { ok: true, count: items.length, items });
      if (items.length === 0) return printLines(io, ['no activity matches']);
      printLines(
        io,
        textTable(
          ['at', 'kind', 'id', 'capability', 'object', 'status', 'next'],
          items.map((item) => [item.at, item.kind, item.id, item.capability, item.object, item.status, item.next]),
        ),
      );
    }),
  );
};
