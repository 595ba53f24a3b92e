import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REFERENCE_DIR, runCli } from './helpers/cli.js';

const CONFIG = join(REFERENCE_DIR, 'synapsor.runner.json');

const COMMANDS = [
  ['demo'],
  ['demo', 'db'],
  ['tools', 'preview'],
  ['tools', 'list'],
  ['smoke', 'boundary'],
  ['smoke', 'call'],
  ['propose'],
  ['mcp', 'serve'],
  ['mcp', 'serve-streamable-http'],
  ['mcp', 'serve-http'],
  ['mcp', 'smoke'],
  ['proposals', 'list'],
  ['proposals', 'show'],
  ['proposals', 'approve'],
  ['proposals', 'reject'],
  ['proposals', 'writeback-job'],
  ['apply'],
  ['validate'],
];

describe('serve/review/apply commands: help and usage errors', () => {
  it.each(COMMANDS)('%s %s --help prints usage and exits 0', async (...command) => {
    const run = await runCli([...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: synapsor-runner ${command.join(' ')}`);
  });

  it.each([
    [['mcp', 'serve', '--bogus']],
    [['mcp', 'serve', '--transport', 'carrier-pigeon']],
    [['mcp', 'serve', '--result-format', '3']],
    [['mcp', 'serve-streamable-http', '--port', 'eighty']],
    [['mcp', 'serve-streamable-http', '--rate-limit', 'fast']],
    [['tools', 'preview', '--alias-mode', 'shouting']],
    [['proposals', 'list', '--limit', '500']],
    [['proposals', 'frobnicate']],
    [['demo', 'db', '--port', '0']],
    [['demo', 'surprise']],
    [['apply', 'latest', '--lease-seconds', 'soon']],
    [['validate']],
  ])('%j is a usage error (exit 2)', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error/i);
  });

  it('apply without a proposal id is a usage error', async () => {
    const run = await runCli(['apply', '--config', CONFIG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PROPOSAL_REQUIRED');
  });

  it('a missing config file is a usage error naming CONFIG_NOT_FOUND', async () => {
    const run = await runCli(['tools', 'preview', '--config', '/nonexistent/synapsor.runner.json', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIG_NOT_FOUND' } });
  });

  it('--input, --input-json and --sample are exclusive', async () => {
    const run = await runCli(['smoke', 'call', 'billing.inspect_invoice', '--config', CONFIG, '--sample', '--input-json', '{}', '--store', ':memory:']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('INPUT_FLAGS_EXCLUSIVE');
  });

  it('propose refuses a read capability (usage error)', async () => {
    const run = await runCli(['propose', 'billing.inspect_invoice', '--config', CONFIG, '--store', ':memory:']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NOT_A_PROPOSAL_CAPABILITY');
  });

  it('demo db without kept data is a usage error', async () => {
    const run = await runCli(['demo', 'db', '--data-dir', '/nonexistent/demo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DEMO_DATA_NOT_FOUND');
  });
});
