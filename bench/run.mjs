#!/usr/bin/env node
// `node bench/run.mjs [name] [--json]` — what `pnpm bench` runs after building the CLI.
// Progress goes to stderr; stdout carries the report (or exactly one JSON object with --json).
import { resolveMeasure, runBenchmarks } from './index.mjs';
import { removeLedgers } from './lib/ledger-fill.mjs';
import { dropAllWorkspaces } from './lib/reference-db.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((arg) => !arg.startsWith('--'));
try {
  if (names.length > 1) throw new RangeError('at most one benchmark name');
  resolveMeasure(names[0]);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
// Ctrl-C reaches the server children through the process group; here the scratch schemas and
// the generated ledgers (up to ~2.3 GB) are removed before exiting.
process.once('SIGINT', async () => {
  removeLedgers();
  await dropAllWorkspaces();
  process.exit(130);
});
const summary = await runBenchmarks({
  name: names[0],
  log: (line) => process.stderr.write(`${line}\n`),
  print: json ? () => undefined : (text) => process.stdout.write(text),
});
if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = summary.ok ? 0 : 1;
