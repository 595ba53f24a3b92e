import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { loadConfig } from '../support/config-file.js';
import { loadEnv } from '../support/env-file.js';
import { usageError } from '../support/errors.js';
import { integerFlag } from '../support/flags.js';
import { jobProposalId, readJobFile } from '../support/job-file.js';
import { resolveOperator } from '../support/operator.js';
import { colorsFor, printJson, printLines } from '../support/output.js';
import { resolveProposalId } from '../support/proposals.js';
import { runApply } from '../support/apply.js';
import { withLedger } from '../support/store.js';
import { applyExitCode, applyOutcome, renderApply } from '../render/apply.js';

interface ApplyFlags {
  proposal?: string;
  job?: string;
  dryRun?: boolean;
  retry?: boolean;
  allowSharedCredential?: boolean;
  runner?: string;
  actor?: string;
  leaseSeconds?: number;
  envFile?: string;
  json?: boolean;
}

export const registerApply: CommandGroup = (program, context) => {
  const { io } = context;
  program
    .command('apply')
    .description('apply one approved proposal (pre-flight checks, guarded write, receipt)')
    .argument('[id]', 'proposal id or latest')
    .option('--proposal <id>', 'proposal id or latest (same as the argument)')
    .option('--job <file>', 'apply an exported writeback job (must match the ledger; never authority on its own)')
    .option('--dry-run', 'run the checks and the executor in dry-run mode (also SYNAPSOR_DRY_RUN=true)')
    .option('--retry', 'retry a failed attempt (same job and idempotency key)')
    .option('--allow-shared-credential', 'accept a write URL equal to the read URL')
    .option('--runner <id>', 'runner id in receipts (default $SYNAPSOR_RUNNER_ID or local_runner)')
    .option('--actor <id>', 'operator id (default $SYNAPSOR_OPERATOR, then the OS user)')
    .option('--lease-seconds <n>', 'job lease (clamped to 15..3600, default 300)', integerFlag('--lease-seconds', 1, 86_400))
    .option('--env-file <file>', 'load KEY=VALUE lines (process env wins)')
    .option('--json', 'JSON output')
    .action(
      action<ApplyFlags>(context, async (options, args) => {
        const given = args[0] ?? options.proposal;
        if (!given && !options.job) throw usageError('PROPOSAL_REQUIRED', 'name a proposal: apply <id|latest> or --job <file>');
        if ((args[0] && options.proposal && args[0] !== options.proposal) || (given && options.job)) throw usageError('PROPOSAL_AMBIGUOUS', 'give the proposal once: an id, --proposal or --job');
        const jobFile = options.job ? await readJobFile(options.job) : undefined;
        const loaded = await loadConfig(io, options.config);
        const env = await loadEnv(io.env, options.envFile);
        const operator = await resolveOperator(io, options);
        return withLedger(io, options, loaded, async ({ store }) => {
          const proposalId = jobFile !== undefined ? jobProposalId(jobFile) : await resolveProposalId(store, given!);
          const result = await runApply({
            ...(jobFile !== undefined ? { jobFile } : {}),
            config: loaded.config,
            store,
            env,
            proposalId,
            actor: operator.actor,
            ...(options.runner ? { runnerId: options.runner } : {}),
            dryRun: Boolean(options.dryRun) || env.SYNAPSOR_DRY_RUN === 'true',
            retry: Boolean(options.retry),
            allowSharedCredential: Boolean(options.allowSharedCredential),
            ...(options.leaseSeconds !== undefined ? { leaseSeconds: options.leaseSeconds } : {}),
          });
          if (options.json) {
            const error = result.refused ? { error: result.refused } : {};
            printJson(io, { ...result, ...error, proposal_id: proposalId, outcome: applyOutcome(result), replay: `synapsor-runner replay show ${proposalId}` });
          } else printLines(io, renderApply(proposalId, result, colorsFor(io)));
          return applyExitCode(result);
        });
      }),
    );
};

export const registerValidate: CommandGroup = (program, context) => {
  program
    .command('validate')
    .description('check the shape of an exported writeback job (shape only; never authority)')
    .requiredOption('--job <file>', 'job file from `proposals writeback-job --output`')
    .option('--json', 'JSON output')
    .action(
      action<{ job: string; json?: boolean }>(context, async (options) => {
        const job = await readJobFile(options.job);
        // The executors package loads with the commands that use it, not at start-up.
        const { validateJobShape } = await import('@synapsor/writeback-executors');
        const result = validateJobShape(job);
        if (options.json) printJson(context.io, result.ok ? { ok: true, proposal_id: result.job.proposal_id, writeback_job_id: result.job.writeback_job_id } : result);
        else printLines(context.io, result.ok ? [`job valid: ${result.job.writeback_job_id} (proposal ${result.job.proposal_id}, attempt ${result.job.attempt})`] : ['job invalid:', ...result.issues.map((issue) => `  ${issue.path}: ${issue.message}`)]);
        return result.ok ? 0 : 1;
      }),
    );
};
