import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { usageError } from '../support/errors.js';
import { printJson } from '../support/output.js';

const NAMES = ['cold-start', 'call-latency', 'http-throughput', 'apply-rate', 'ledger-scale', 'tokens', 'mcp-efficiency'];

/** The suite's surface (bench/index.mjs in a repo checkout); kept structural so nothing is bundled. */
interface BenchSuite {
  runBenchmarks(options: { name?: string; log: (line: string) => void; print: (text: string) => void }): Promise<{ ok: boolean }>;
}

/**
 * The suite lives in the repo's `bench/` (it needs the reference app and the local PostgreSQL),
 * not in the published package: next to this build (packages/cli/dist → repo root) or in the cwd.
 */
function suitePath(): string | null {
  const candidates = [join(fileURLToPath(new URL('.', import.meta.url)), '../../../bench/index.mjs'), join(process.cwd(), 'bench/index.mjs')];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** `benchmark [name] [--json]`: a thin front for bench/ (flags → runBenchmarks → output). */
export const registerBenchmark: CommandGroup = (program, context) => {
  const { io } = context;
  program
    .command('benchmark')
    .description('benchmark scripts against the local PostgreSQL reference data (all when no name)')
    .argument('[name]', NAMES.join(' | '))
    .option('--json', 'one JSON object with every figure, its floor and machine info')
    .action(
      action<{ json?: boolean }>(context, async (options, [name]) => {
        if (name !== undefined && !NAMES.includes(name)) throw usageError('INVALID_ARGUMENT', `benchmark must be one of ${NAMES.join(', ')}`);
        const path = suitePath();
        if (!path) throw usageError('BENCH_SUITE_NOT_FOUND', 'the benchmark suite (bench/) ships with the repository; run this from a checkout');
        const suite = (await import(pathToFileURL(path).href)) as BenchSuite;
        const summary = await suite.runBenchmarks({
          ...(name === undefined ? {} : { name }),
          log: (line) => io.stderr(`${line}\n`),
          print: options.json ? () => undefined : (text) => io.stdout(text),
        });
        if (options.json) printJson(io, summary);
        return summary.ok ? 0 : 1;
      }),
    );
};
