import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { LedgerFilter } from '@synapsor/core';
import type { SqliteLedgerStore } from '@synapsor/store-sqlite';
import { action, type CliContext } from './command.js';
import { CliError, usageError } from './errors.js';
import { addFilterOptions, filterFromOptions, type FilterGroup, type FilterOptions } from './ledger-filters.js';
import { withLedger } from './ledger-session.js';
import { printJson, printLines } from './output.js';
import { recordLines, textTable } from './record-format.js';

/** One ledger entity exposed as `<group> list|show [|export]` (cli.md "Ledger inspection"). */
export interface RecordGroupSpec<R extends object> {
  name: string;
  description: string;
  /** Singular noun used in help and messages ("evidence bundle"). */
  noun: string;
  /** Key of the record in `show --json` (`{ok, <key>: record}`). */
  jsonKey: string;
  filters: FilterGroup[];
  list(store: SqliteLedgerStore, filter: LedgerFilter): Promise<R[]>;
  get(store: SqliteLedgerStore, id: string): Promise<R | null>;
  notFoundCode: string;
  idOf(record: R): string;
  /** Human list columns. */
  headers: string[];
  row(record: R): unknown[];
  /** Core's markdown renderer for the record; set = an `export` subcommand (json | markdown). */
  markdown?(record: R): string;
  /** Commands to look closer, printed after `show`. */
  next?(record: R): string[];
}

/** `latest` = the newest record of the entity; ids are otherwise looked up as given. */
async function findRecord<R extends object>(spec: RecordGroupSpec<R>, store: SqliteLedgerStore, id: string): Promise<R> {
  const found = id === 'latest' ? ((await spec.list(store, { limit: 1 }))[0] ?? null) : await spec.get(store, id);
  if (!found) throw new CliError(spec.notFoundCode, `no ${spec.noun} ${id === 'latest' ? 'in the ledger yet' : id}`);
  return found;
}

export function exportFormat(raw: string | undefined): 'json' | 'markdown' {
  if (raw === 'json' || raw === 'markdown') return raw;
  throw usageError('INVALID_FLAG_VALUE', '--format must be json or markdown');
}

/** Writes to `--output` (reporting the path on stderr) or prints to stdout. */
export async function emit(context: CliContext, text: string, output: string | undefined): Promise<void> {
  if (!output) {
    context.io.stdout(text);
    return;
  }
  try {
    await writeFile(output, text, { mode: 0o600 });
  } catch {
    throw usageError('OUTPUT_NOT_WRITABLE', `cannot write ${output}`);
  }
  context.io.stderr(`wrote ${output}\n`);
}

export function registerRecordGroup<R extends object>(program: Command, context: CliContext, spec: RecordGroupSpec<R>): Command {
  const { io } = context;
  const group = program.command(spec.name).description(spec.description);

  const list = group.command('list').description(`list ${spec.noun}s, newest first`).option('--json', 'JSON output');
  addFilterOptions(list, spec.filters).action(
    action<FilterOptions & { json?: boolean }>(context, async (options) => {
      const filter = filterFromOptions(options);
      const records = await withLedger(io, options, (store) => spec.list(store, filter));
      if (options.json) return printJson(io, { ok: true, count: records.length, items: records });
      if (records.length === 0) return printLines(io, [`no ${spec.noun}s match`]);
      printLines(io, textTable(spec.headers, records.map((record) => spec.row(record))));
    }),
  );

  group
    .command('show')
    .description(`show one ${spec.noun} (id or latest)`)
    .argument('<id>', `${spec.noun} id or latest`)
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options, [id]) => {
        const record = await withLedger(io, options, (store) => findRecord(spec, store, id!));
        if (options.json) return printJson(io, { ok: true, [spec.jsonKey]: record });
        printLines(io, recordLines(record));
        const next = spec.next?.(record) ?? [];
        if (next.length > 0) printLines(io, ['', 'next:', ...next.map((line) => `  ${line}`)]);
      }),
    );

  const { markdown } = spec;
  if (markdown) {
    group
      .command('export')
      .description(`export one ${spec.noun} as JSON or markdown`)
      .argument('<id>', `${spec.noun} id or latest`)
      .option('--format <format>', 'json or markdown', 'json')
      .option('--output <file>', 'write to a file instead of stdout')
      .action(
        action<{ format?: string; output?: string }>(context, async (options, [id]) => {
          const format = exportFormat(options.format);
          const record = await withLedger(io, options, (store) => findRecord(spec, store, id!));
          const text = format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : markdown(record);
          await emit(context, text, options.output);
        }),
      );
  }
  return group;
}
