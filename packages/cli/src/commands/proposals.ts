import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  checkApprove,
  executorTypeOf,
  isoNow,
  requiredRolesFor,
  systemClock,
  type LedgerFilter,
  type ProposalState,
} from '@synapsor/core';
import type { CliContext, CommandGroup, GlobalOptions } from '../support/command.js';
import { action } from '../support/command.js';
import { loadConfig } from '../support/config-file.js';
import { CliError, usageError } from '../support/errors.js';
import { integerFlag } from '../support/flags.js';
import { resolveOperator } from '../support/operator.js';
import { printJson, printLines } from '../support/output.js';
import { configRequiredRole, decideProposal, loadProposal } from '../support/proposals.js';
import { withLedger } from '../support/store.js';
import { proposalDetails, proposalRow, reviewerBlock } from '../render/proposal.js';

interface DecideFlags {
  actor?: string;
  reason?: string;
  expectHash?: string;
  operators?: string;
  yes?: boolean;
  json?: boolean;
}

/** TTY: ask for `yes`; no TTY: `--yes` is required (exit 2). */
async function confirm(context: CliContext, flags: DecideFlags, verb: string): Promise<void> {
  if (flags.yes) return;
  if (!context.io.stdinIsTty) throw usageError('CONFIRMATION_REQUIRED', `stdin is not a TTY: pass --yes to ${verb}`);
  const answer = await context.io.prompt(`Type yes to ${verb}: `);
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('CANCELLED', `${verb} cancelled; nothing was recorded`);
}

async function decide(context: CliContext, options: DecideFlags & GlobalOptions, id: string, decision: 'approved' | 'rejected') {
  const { io } = context;
  const loaded = await loadConfig(io, options.config);
  const operator = await resolveOperator(io, options);
  return withLedger(io, options, loaded, async ({ store }) => {
    const proposal = await loadProposal(store, id);
    const required = requiredRolesFor(proposal, configRequiredRole(loaded.config, proposal.action));
    const block = reviewerBlock(proposal, operator, required);
    if (!options.json) printLines(io, block);
    else io.stderr(`${block.join('\n')}\n`);
    const request = {
      decision,
      operator,
      reason: options.reason ?? null,
      expectHash: options.expectHash ?? proposal.proposal_hash,
      expectVersion: proposal.proposal_version,
    };
    if (decision === 'approved') {
      // Refusals are shown before asking, so nobody confirms an approval that cannot happen.
      const refusal = checkApprove(
        proposal,
        {
          proposal_id: proposal.proposal_id,
          decision,
          actor: operator.actor,
          actor_source: operator.actor_source,
          roles: operator.roles,
          config_required_role: configRequiredRole(loaded.config, proposal.action),
          config_mode: loaded.config.mode,
          reason: request.reason,
          expect_hash: request.expectHash,
          expect_version: request.expectVersion,
          approval_id: 'apr_precheck',
          event_id: 'evt_precheck',
          now: isoNow(systemClock),
        },
        isoNow(systemClock),
      );
      if (refusal) throw new CliError(refusal.code, refusal.message);
    }
    await confirm(context, options, decision === 'approved' ? 'approve' : 'reject');
    const result = await decideProposal(store, loaded.config, proposal, request);
    if (options.json) printJson(io, { ok: true, proposal_id: proposal.proposal_id, state: result.proposal.state, approval: result.approval });
    else printLines(io, [`${decision} ${proposal.proposal_id} by ${operator.actor}; state ${result.proposal.state}`, ...(decision === 'approved' ? [`next: synapsor-runner apply ${proposal.proposal_id}`] : [])]);
  });
}

const STATES: readonly ProposalState[] = ['pending_review', 'shadow', 'approved', 'rejected', 'expired', 'pending_worker', 'applied', 'conflict', 'failed'];

interface ListFlags {
  tenant?: string;
  principal?: string;
  capability?: string;
  source?: string;
  state?: string;
  from?: string;
  to?: string;
  limit?: number;
  json?: boolean;
}

function listFilter(flags: ListFlags): LedgerFilter {
  if (flags.state !== undefined && !(STATES as readonly string[]).includes(flags.state)) {
    throw usageError('INVALID_FLAG', `--state must be one of ${STATES.join(', ')}`);
  }
  const filter: LedgerFilter = {};
  for (const key of ['tenant', 'principal', 'capability', 'source', 'from', 'to'] as const) if (flags[key] !== undefined) filter[key] = flags[key];
  if (flags.state !== undefined) filter.state = flags.state as ProposalState;
  if (flags.limit !== undefined) filter.limit = flags.limit;
  return filter;
}

export const registerProposals: CommandGroup = (program, context) => {
  const { io } = context;
  const proposals = program.command('proposals').description('review proposals outside MCP');

  proposals
    .command('list')
    .description('proposals, newest first')
    .option('--tenant <id>').option('--principal <id>').option('--capability <name>').option('--source <id>')
    .option('--state <state>', `one of ${STATES.join(', ')}`)
    .option('--from <iso>').option('--to <iso>')
    .option('--limit <n>', 'default 20, max 200', integerFlag('--limit', 1, 200))
    .option('--json', 'JSON output')
    .action(
      action<ListFlags>(context, async (options) => {
        const filter = listFilter(options);
        await withLedger(io, options, undefined, async ({ store }) => {
          await store.expireDue(isoNow(systemClock));
          const rows = await store.listProposals(filter);
          if (options.json) printJson(io, { ok: true, proposals: rows });
          else printLines(io, rows.length === 0 ? ['no proposals'] : rows.map(proposalRow));
        });
      }),
    );

  proposals
    .command('show')
    .description('state, diff, guards, evidence, expiry and next commands')
    .argument('<id>', 'proposal id or latest')
    .option('--details', 'add hashes, versions, fingerprints and receipts')
    .option('--json', 'JSON output')
    .action(
      action<{ details?: boolean; json?: boolean }>(context, async (options, args) => {
        await withLedger(io, options, undefined, async ({ store }) => {
          await store.expireDue(isoNow(systemClock));
          const proposal = await loadProposal(store, args[0]!);
          const approvals = await store.listApprovals(proposal.proposal_id);
          const receipts = await store.listReceiptsFor(proposal.proposal_id);
          if (options.json) printJson(io, { ok: true, proposal, approvals, receipts });
          else printLines(io, proposalDetails(proposal, { details: Boolean(options.details), approvals, receipts }));
        });
      }),
    );

  const decisionFlags = (name: string, description: string) =>
    proposals
      .command(name)
      .description(description)
      .argument('<id>', 'proposal id or latest')
      .option('--actor <id>', 'operator id (default $SYNAPSOR_OPERATOR, then the OS user)')
      .option('--reason <text>', 'reason recorded with the decision')
      .option('--yes', 'confirm without a prompt (required when stdin is not a TTY)')
      .option('--json', 'JSON output');
  decisionFlags('approve', 'approve a proposal (shows the reviewer block; needs the required role)')
    .option('--expect-hash <hash>', 'refuse unless the proposal hash is this one')
    .option('--operators <file>', 'operators file with roles (default $SYNAPSOR_OPERATORS_FILE)')
    .action(action<DecideFlags>(context, async (options, args) => decide(context, options, args[0]!, 'approved')));
  decisionFlags('reject', 'reject a proposal (reason required)').action(
    action<DecideFlags>(context, async (options, args) => {
      if (!options.reason?.trim()) throw usageError('REJECT_REASON_REQUIRED', '--reason is required to reject');
      return decide(context, options, args[0]!, 'rejected');
    }),
  );

  proposals
    .command('writeback-job')
    .description('export the writeback job of a proposal (never authority on its own)')
    .argument('<id>', 'proposal id or latest')
    .option('--output <file>', 'write to a file instead of stdout')
    .option('--runner <id>', 'runner id (default $SYNAPSOR_RUNNER_ID or local_runner)')
    .option('--lease-seconds <n>', 'lease length (15..3600, default 300)', integerFlag('--lease-seconds', 1, 86_400))
    .action(
      action<{ output?: string; leaseSeconds?: number }>(context, async (options, args) => {
        const loaded = await loadConfig(io, options.config);
        // Loaded by `job` only, so other proposal commands start without the executors.
        const { buildWritebackJob, clampLeaseSeconds } = await import('@synapsor/writeback-executors');
        await withLedger(io, options, loaded, async ({ store }) => {
          const proposal = await loadProposal(store, args[0]!);
          const capability = loaded.config.capabilities.find((entry) => entry.name === proposal.action);
          if (!capability || capability.kind !== 'proposal') throw new CliError('CAPABILITY_MISMATCH', `no proposal capability ${proposal.action} in the config`);
          const previous = await store.getJob(proposal.proposal_id);
          const job = buildWritebackJob({
            proposal,
            engine: loaded.config.sources[capability.source]!.engine,
            executor: { name: capability.executor ?? 'sql_update', type: executorTypeOf(loaded.config, capability) },
            bump: capability.conflict_guard?.bump ?? null,
            attempt: (previous?.attempt ?? 0) + 1,
            leaseSeconds: clampLeaseSeconds(options.leaseSeconds),
            holder: { hostname: hostname(), pid: process.pid },
            now: new Date(),
            random: (bytes) => randomBytes(bytes),
          });
          const text = `${JSON.stringify(job, null, 2)}\n`;
          if (options.output) {
            await writeFile(options.output, text, { mode: 0o600 });
            io.stderr(`wrote ${options.output}\n`);
          } else io.stdout(text);
        });
      }),
    );
};
