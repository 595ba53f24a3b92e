import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCommandHandlerExecutor, splitCommandLine } from '../src/index.js';
import { jobAndContext } from './support/context.js';

const fixture = fileURLToPath(new URL('./fixtures/command-handler.mjs', import.meta.url));
const settings = { name: 'ticket_cmd', type: 'command_handler' as const, command_env: 'CMD', pass_env: ['EXTRA_SECRET'], timeout_ms: 3000 };

async function run(command: string, options: { dryRun?: boolean; timeoutMs?: number; env?: Record<string, string> } = {}) {
  const env = { PATH: process.env.PATH, HOME: '/tmp', CMD: command, EXTRA_SECRET: 'very-secret-value', RUNNER_ONLY_SECRET: 'never-passed', ...options.env };
  const { job, context } = jobAndContext({ type: 'command_handler', name: 'ticket_cmd', dryRun: options.dryRun, env });
  const executor = createCommandHandlerExecutor({ ...settings, timeout_ms: options.timeoutMs ?? 3000 }, env);
  return { receipt: await executor.apply(job, context), job };
}

describe('command_handler executor', () => {
  it('runs without a shell, with the allowlisted env, body + newline on stdin, last stdout line = receipt', async () => {
    const { receipt, job } = await run(`${process.execPath} ${fixture} ok 'two words' "a \\"q\\"" $HOME *`);
    expect(receipt).toMatchObject({ status: 'applied', rows_affected: 1, new_version: 'v2' });
    const details = receipt.details as Record<string, unknown>;
    expect(details.argv).toEqual(['two words', 'a "q"', '$HOME', '*']);
    expect(details.ends_with_newline).toBe(true);
    expect(details.job_env).toEqual([job.writeback_job_id, job.proposal_id, job.idempotency_key, '1']);
    expect(details.env_keys).toEqual(['EXTRA_SECRET', 'HOME', 'PATH', 'SYNAPSOR_ATTEMPT', 'SYNAPSOR_IDEMPOTENCY_KEY', 'SYNAPSOR_PROPOSAL_ID', 'SYNAPSOR_WRITEBACK_JOB_ID']);
    expect(details.body_key).toBe(job.idempotency_key);
  });

  it.each([
    ['exit3', 'HANDLER_EXIT_3'],
    ['signal', 'HANDLER_EXIT_SIGNAL'],
    ['badjson', 'HANDLER_INVALID_JSON'],
  ])('%s → %s', async (mode, code) => {
    const { receipt } = await run(`${process.execPath} ${fixture} ${mode}`);
    expect(receipt).toMatchObject({ status: 'failed', safe_error_code: code, source_database_mutated: false });
  });

  it('missing binary → HANDLER_REQUEST_FAILED', async () => {
    const { receipt } = await run('/nonexistent/synapsor-handler');
    expect(receipt.safe_error_code).toBe('HANDLER_REQUEST_FAILED');
  });

  it('stderr in details: redacted and at most 500 chars', async () => {
    const { receipt } = await run(`${process.execPath} ${fixture} stderr`);
    const stderr = (receipt.details as { stderr: string }).stderr;
    expect(receipt.safe_error_code).toBe('HANDLER_EXIT_1');
    expect(stderr.startsWith('failure with [REDACTED] and eee')).toBe(true);
    expect(stderr.length).toBe(500);
  });

  it('timeout: SIGTERM, then SIGKILL for a child that ignores it → HANDLER_TIMEOUT', async () => {
    const { receipt } = await run(`${process.execPath} ${fixture} stubborn`, { timeoutMs: 300 });
    expect(receipt.safe_error_code).toBe('HANDLER_TIMEOUT');
  });

  it('dry run forces 0 rows and no mutation', async () => {
    const { receipt } = await run(`${process.execPath} ${fixture} ok`, { dryRun: true });
    expect((receipt.details as { dry_run: boolean }).dry_run).toBe(true);
    expect(receipt).toMatchObject({ rows_affected: 0, source_database_mutated: false });
  });
});

describe('splitCommandLine', () => {
  it.each([
    ['node a.mjs', ['node', 'a.mjs']],
    ["  a  'b c'  ", ['a', 'b c']],
    ["a 'it\\'s", ['a', 'it\\s']],
    ["a 'open", null],
    ['a "b\\"c" d', ['a', 'b"c', 'd']],
    ['a "b\\nc"', ['a', 'b\\nc']],
    ['a b\\ c', ['a', 'b c']],
    ["a ''", ['a', '']],
    ['a $(rm -rf /) | cat > x', ['a', '$(rm', '-rf', '/)', '|', 'cat', '>', 'x']],
    ["a 'single \"keeps\" \\ all'", ['a', 'single "keeps" \\ all']],
  ])('%j', (line, expected) => {
    if (expected === null) expect(() => splitCommandLine(line)).toThrow(/unterminated/);
    else expect(splitCommandLine(line)).toEqual(expected);
  });

  it('rejects empty commands, unterminated quotes and a trailing backslash with codes', () => {
    expect(() => splitCommandLine('   ')).toThrow(expect.objectContaining({ code: 'HANDLER_COMMAND_MISSING' }));
    expect(() => splitCommandLine('a "b')).toThrow(expect.objectContaining({ code: 'HANDLER_COMMAND_INVALID' }));
    expect(() => splitCommandLine('a \\')).toThrow(expect.objectContaining({ code: 'HANDLER_COMMAND_INVALID' }));
  });
});
