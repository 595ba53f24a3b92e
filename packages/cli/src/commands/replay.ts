import { renderReplayJson, renderReplayMarkdown, type ReplayDocument } from '@synapsor/core';
import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { CliError } from '../support/errors.js';
import { addFilterOptions, filterFromOptions, LIST_FILTERS, type FilterOptions } from '../support/ledger-filters.js';
import { withLedger } from '../support/ledger-session.js';
import { printJson, printLines } from '../support/output.js';
import { emit, exportFormat } from '../support/record-commands.js';
import { textTable } from '../support/record-format.js';

/** Replay of a proposal (id, `replay_<id>`, `latest`) or of a plain read (evidence bundle id). */
async function loadReplay(store: SqliteLedgerStore, id: string): Promise<ReplayDocument> {
  const doc = await store.replay(id, new Date().toISOString());
  if (doc) return doc;
  const read = id.startsWith('ev_') || id.startsWith('replay_ev_');
  throw new CliError(read ? 'EVIDENCE_NOT_FOUND' : 'PROPOSAL_NOT_FOUND', id === 'latest' ? 'no proposal in the ledger yet' : `nothing to replay for ${id}`);
}

/** `replay list|show|export` and `replay <id>` (ledger.md "Replay"). */
export const registerReplay: CommandGroup = (program, context) => {
  const { io } = context;
  const show = async (options: { json?: boolean; config?: string; store?: string }, id: string) => {
    const doc = await withLedger(io, options, (store) => loadReplay(store, id));
    if (options.json) printJson(io, { ok: true, replay: doc });
    else io.stdout(renderReplayMarkdown(doc));
    return doc.integrity.chain_ok && doc.integrity.proposal_hash_ok !== false && doc.integrity.evidence_hashes_ok && doc.integrity.receipt_hashes_ok ? 0 : 1;
  };

  const replay = program
    .command('replay')
    .description('reconstruct one interaction from the ledger (not time travel of the source database)')
    .argument('[id]', 'proposal id, replay_<id>, latest, or an evidence bundle id (same as `replay show <id>`)')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options, [id], command) => {
        if (id === undefined) {
          command.outputHelp();
          return 2;
        }
        return show(options, id);
      }),
    );

  const list = replay.command('list').description('replayable interactions (proposals and plain reads), newest first').option('--json', 'JSON output');
  addFilterOptions(list, LIST_FILTERS.activity).action(
    action<FilterOptions & { json?: boolean }>(context, async (options) => {
      const filter = filterFromOptions(options);
      const all = await withLedger(io, options, (store) => store.activity(filter));
      const items = all
        .filter((item) => item.kind === 'proposal' || item.kind === 'read')
        .map((item) => ({ replay_id: `replay_${item.id}`, subject: { kind: item.kind, id: item.id }, at: item.at, capability: item.capability, object: item.object, status: item.status }));
      if (options.json) return printJson(io, { ok: true, count: items.length, items });
      if (items.length === 0) return printLines(io, ['nothing to replay matches']);
      printLines(io, textTable(['at', 'replay_id', 'capability', 'object', 'status'], items.map((i) => [i.at, i.replay_id, i.capability, i.object, i.status])));
    }),
  );

  replay
    .command('show')
    .description('print one replay (markdown on a terminal, the replay object with --json)')
    .argument('<id>', 'proposal id, replay_<id>, latest, or an evidence bundle id')
    .option('--json', 'JSON output')
    .action(action<{ json?: boolean }>(context, async (options, [id]) => show(options, id!)));

  replay
    .command('export')
    .description('export one replay as JSON (the replay object) or markdown')
    .argument('<id>', 'proposal id, replay_<id>, latest, or an evidence bundle id')
    .option('--format <format>', 'json or markdown', 'json')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(
      action<{ format?: string; output?: string }>(context, async (options, [id]) => {
        const format = exportFormat(options.format);
        const doc = await withLedger(io, options, (store) => loadReplay(store, id!));
        await emit(context, format === 'json' ? renderReplayJson(doc) : renderReplayMarkdown(doc), options.output);
      }),
    );
};
