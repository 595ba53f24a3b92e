import {
  DEFAULT_WEBHOOK_MAX_ATTEMPTS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  MIN_WEBHOOK_TIMEOUT_MS,
  parseWebhookUrl,
  type LedgerEvent,
} from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { cliErrorFrom, usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { interruptSignal, pause } from '../support/interrupt.js';
import { addFilterOptions, filterFromOptions, intFlag, LIST_FILTERS, type FilterOptions } from '../support/ledger-filters.js';
import { withLedger } from '../support/ledger-session.js';
import { runWebhook } from '../support/webhook-client.js';

const MIN_INTERVAL_MS = 250;
const DEFAULT_INTERVAL_MS = 1000;

interface TailOptions extends FilterOptions {
  details?: boolean;
  json?: boolean;
  follow?: boolean;
  intervalMs?: string;
}

interface WebhookOptions extends FilterOptions {
  url?: string;
  urlEnv?: string;
  authTokenEnv?: string;
  signingSecretEnv?: string;
  timeoutMs?: string;
  sinceSeq?: string;
  follow?: boolean;
  intervalMs?: string;
  maxAttempts?: string;
  dryRun?: boolean;
}

/** `--json`: one JSON line per event; else `<created_at> <kind> <proposal_id|-> <actor>` (+ payload). */
function eventLine(event: LedgerEvent, options: TailOptions): string {
  if (options.json) return JSON.stringify(event);
  const line = `${event.created_at} ${event.kind} ${event.proposal_id ?? '-'} ${event.actor ?? '-'}`;
  return options.details ? `${line} ${JSON.stringify(event.payload)}` : line;
}

/** The value of an env var named by a flag; a named but unset variable is a usage error. */
function envValue(io: CliIo, flag: string, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = io.env[name];
  if (value === undefined || value === '') throw usageError('ENV_MISSING', `${flag} ${name}: variable is missing`);
  return value;
}

function webhookUrl(io: CliIo, options: WebhookOptions): { url: string; display: string } {
  if ((options.url === undefined) === (options.urlEnv === undefined)) {
    throw usageError('WEBHOOK_URL_REQUIRED', 'give exactly one of --url or --url-env');
  }
  const raw = options.url ?? envValue(io, '--url-env', options.urlEnv)!;
  try {
    return parseWebhookUrl(raw);
  } catch (error) {
    const cli = cliErrorFrom(error);
    throw usageError(cli.code, cli.message);
  }
}

/** `events tail` and `events webhook` (ledger.md "Events tail and webhook"). */
export const registerEvents: CommandGroup = (program, context) => {
  const { io } = context;
  const events = program.command('events').description('follow the ledger event chain or forward it to a webhook');

  const tail = events
    .command('tail')
    .description('print the latest events (oldest first); --follow keeps polling for new ones')
    .option('--details', 'include each event payload')
    .option('--json', 'one JSON document per line')
    .option('--follow', 'keep polling for events with a higher seq')
    .option('--interval-ms <n>', `poll interval with --follow (≥ ${MIN_INTERVAL_MS}, default ${DEFAULT_INTERVAL_MS})`);
  addFilterOptions(tail, LIST_FILTERS.events).action(
    action<TailOptions>(context, async (options) => {
      const filter = filterFromOptions(options);
      const intervalMs = intFlag('--interval-ms', options.intervalMs, MIN_INTERVAL_MS) ?? DEFAULT_INTERVAL_MS;
      const interrupt = options.follow ? interruptSignal() : null;
      try {
        await withLedger(io, options, async (store) => {
          let batch = await store.listEvents(filter);
          for (;;) {
            for (const event of batch) io.stdout(`${eventLine(event, options)}\n`);
            if (!interrupt || !(await pause(intervalMs, interrupt.signal))) return;
            const last = batch.at(-1)?.seq;
            if (last !== undefined) filter.since_seq = last;
            // Before anything was printed, "new" means newer than the head at start.
            else if (filter.since_seq === undefined) filter.since_seq = (await store.stats()).chain_head.seq;
            batch = await store.listEvents(filter);
          }
        });
      } finally {
        interrupt?.dispose();
      }
    }),
  );

  const webhook = events
    .command('webhook')
    .description('POST each event (seq order, at least once) to an HTTP receiver; the cursor advances only after a 2xx')
    .option('--url <url>', 'receiver URL (http or https)')
    .option('--url-env <name>', 'env var holding the receiver URL')
    .option('--auth-token-env <name>', 'env var holding a bearer token (Authorization: Bearer)')
    .option('--signing-secret-env <name>', 'env var holding the HMAC secret (X-Synapsor-Signature)')
    .option('--timeout-ms <n>', `per request (≥ ${MIN_WEBHOOK_TIMEOUT_MS}, default ${DEFAULT_WEBHOOK_TIMEOUT_MS})`)
    .option('--since-seq <n>', 'start after this seq instead of the stored cursor')
    .option('--follow', 'keep polling for new events')
    .option('--interval-ms <n>', `poll interval with --follow (≥ ${MIN_INTERVAL_MS}, default ${DEFAULT_INTERVAL_MS})`)
    .option('--max-attempts <n>', `attempts per event before giving up (default ${DEFAULT_WEBHOOK_MAX_ATTEMPTS})`)
    .option('--dry-run', 'print the payloads; send nothing, move no cursor');
  addFilterOptions(webhook, LIST_FILTERS.events).action(
    action<WebhookOptions>(context, async (options) => {
      const filter = filterFromOptions(options);
      const target = webhookUrl(io, options);
      const settings = {
        timeoutMs: intFlag('--timeout-ms', options.timeoutMs, MIN_WEBHOOK_TIMEOUT_MS) ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
        sinceSeq: intFlag('--since-seq', options.sinceSeq, 0),
        intervalMs: intFlag('--interval-ms', options.intervalMs, MIN_INTERVAL_MS) ?? DEFAULT_INTERVAL_MS,
        maxAttempts: intFlag('--max-attempts', options.maxAttempts, 1) ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS,
        bearerToken: envValue(io, '--auth-token-env', options.authTokenEnv),
        signingSecret: envValue(io, '--signing-secret-env', options.signingSecretEnv),
      };
      const interrupt = interruptSignal();
      try {
        const summary = await withLedger(io, options, (store, storePath) =>
          runWebhook(store, io, {
            ...target,
            ...settings,
            storePath,
            version: context.version,
            filter,
            follow: options.follow === true,
            dryRun: options.dryRun === true,
            signal: interrupt.signal,
          }),
        );
        if (summary.failed) {
          io.stderr(`error WEBHOOK_DELIVERY_FAILED: seq ${summary.failed.seq} not delivered after ${settings.maxAttempts} attempts (${summary.failed.reason}); the next run resumes there\n`);
          return 1;
        }
        if (!options.dryRun) io.stdout(`delivered ${summary.delivered} events to ${target.display} (cursor seq ${summary.cursor_seq})\n`);
      } finally {
        interrupt.dispose();
      }
    }),
  );
};
