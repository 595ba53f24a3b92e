import { randomBytes } from 'node:crypto';
import { newId, type StoreStats, type VerifyResult } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { cliErrorFrom, usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { ledgerPath, withLedger } from '../support/ledger-session.js';
import { printJson, printLines } from '../support/output.js';
import { textTable } from '../support/record-format.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--older-than <n>(s|m|h|d)` → ISO cutoff before now. */
function cutoffFrom(raw: string | undefined, now: Date): string {
  const match = /^([1-9][0-9]{0,5})([smhd])$/.exec(raw ?? '');
  if (!match) throw usageError('INVALID_FLAG_VALUE', '--older-than must look like 30d, 12h, 45m or 90s');
  return new Date(now.getTime() - Number(match[1]) * UNIT_MS[match[2]!]!).toISOString();
}

function statsLines(stats: StoreStats): string[] {
  const lease = stats.lease
    ? `${stats.lease.live ? 'live' : 'stale'} (${stats.lease.transport}, pid ${stats.lease.pid}, started ${stats.lease.started_at})`
    : 'none';
  return [
    `path: ${stats.path}`,
    `schema version: ${stats.schema_version}`,
    `size: ${stats.bytes} bytes (${stats.page_count} pages of ${stats.page_size})`,
    `chain head: seq ${stats.chain_head.seq} ${stats.chain_head.hash}`,
    `lease: ${lease}`,
    '',
    ...textTable(['entity', 'count'], Object.entries(stats.counts)),
    '',
    ...textTable(['proposal state', 'count'], Object.entries(stats.proposals_by_state)),
  ];
}

function verifyLines(result: VerifyResult): string[] {
  const lines = [
    `${result.ok ? 'ok' : 'BROKEN'}: ${result.events} events (${result.tombstones} tombstones), head seq ${result.head.seq} ${result.head.hash}`,
  ];
  if (result.first_break) lines.push(`chain break at seq ${result.first_break.seq}: ${result.first_break.reason}`);
  for (const b of result.record_breaks) lines.push(`record break ${b.entity} ${b.id}: ${b.reason}`);
  return lines;
}

/** Destructive commands need `--yes`, or a typed `yes` on a TTY (cli.md "prompts"). */
async function confirmed(io: CliIo, yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes) return true;
  if (!io.stdinIsTty) throw usageError('CONFIRMATION_REQUIRED', 'no terminal to confirm on: pass --yes');
  return (await io.prompt(`${question} Type yes to continue: `)).trim() === 'yes';
}

/** `store stats|vacuum|prune|reset|verify` (ledger.md "Lifecycle operations"). */
export const registerStore: CommandGroup = (program, context) => {
  const { io } = context;
  const store = program.command('store').description('inspect and maintain the local ledger');

  store
    .command('stats')
    .description('size, counts per entity, chain head and lease')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options) => {
        const stats = await withLedger(io, options, (ledger) => ledger.stats());
        if (options.json) printJson(io, { ok: true, ...stats });
        else printLines(io, statsLines(stats));
      }),
    );

  store
    .command('verify')
    .description('walk the hash chain and re-hash every record; exit 1 on any break')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options) => {
        const result = await withLedger(io, options, (ledger) => ledger.verify());
        if (options.json) printJson(io, result);
        else printLines(io, verifyLines(result));
        return result.ok ? 0 : 1;
      }),
    );

  store
    .command('vacuum')
    .description('checkpoint the WAL and VACUUM (refused beside a live server unless --force)')
    .option('--force', 'run even though a server holds the lease')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean; force?: boolean }>(context, async (options) => {
        const result = await withLedger(io, options, (ledger) => ledger.vacuum({ force: options.force === true }));
        if (options.json) printJson(io, { ok: true, ...result });
        else printLines(io, [`vacuumed: ${result.bytes_before} → ${result.bytes_after} bytes`]);
      }),
    );

  store
    .command('prune')
    .description('delete final-state proposals and plain reads older than a cutoff (dry run unless --yes)')
    .requiredOption('--older-than <age>', 'age such as 30d, 12h, 45m, 90s')
    .option('--dry-run', 'only count what would be deleted (the default)')
    .option('--yes', 'delete')
    .option('--force', 'delete even though a server holds the lease')
    .option('--json', 'JSON output')
    .action(
      action<{ olderThan?: string; dryRun?: boolean; yes?: boolean; force?: boolean; json?: boolean }>(context, async (options) => {
        if (options.dryRun && options.yes) throw usageError('INVALID_FLAG_COMBINATION', '--dry-run and --yes exclude each other');
        const now = new Date();
        const cutoff = cutoffFrom(options.olderThan, now);
        const result = await withLedger(io, options, (ledger) =>
          ledger.prune({
            cutoff,
            dryRun: options.yes !== true,
            force: options.force === true,
            event_id: newId('evt', (n) => randomBytes(n)),
            now: now.toISOString(),
          }),
        );
        if (options.json) return printJson(io, { ok: true, ...result });
        printLines(io, [
          `${result.dry_run ? 'dry run: would delete' : 'deleted'} records created before ${result.cutoff}`,
          ...textTable(['entity', 'count'], Object.entries(result.counts)),
          ...(result.dry_run ? ['', 'run again with --yes to delete'] : []),
        ]);
      }),
    );

  store
    .command('reset')
    .description('delete the ledger file, -wal, -shm and lease (never touches a source database)')
    .option('--yes', 'confirm without a prompt')
    .option('--force', 'reset even though a server holds the lease')
    .option('--json', 'JSON output')
    .action(
      action<{ yes?: boolean; force?: boolean; json?: boolean }>(context, async (options) => {
        const path = await ledgerPath(io, options);
        if (path === ':memory:') throw usageError('STORE_RESET_REFUSED', 'an in-memory store cannot be reset');
        if (!(await confirmed(io, options.yes, `Delete the ledger at ${path}?`))) {
          io.stderr('not reset\n');
          return 1;
        }
        // Imported on use like every store import (support/store.ts), never at start-up.
        const { resetSqliteStore } = await import('@synapsor/store-sqlite');
        let deleted: string[];
        try {
          // Works on a damaged file too: nothing is opened.
          deleted = resetSqliteStore({ path, force: options.force === true }).deleted;
        } catch (error) {
          throw cliErrorFrom(error);
        }
        if (options.json) printJson(io, { ok: true, path, deleted });
        else printLines(io, [deleted.length > 0 ? `reset: deleted ${deleted.join(', ')}` : `nothing to delete at ${path}`]);
      }),
    );
};
