#!/usr/bin/env node
// `node bench/profile-summary.mjs <file.cpuprofile> [top]` — self-time top frames of a profile
// taken with `node --cpu-prof` (e.g. of the bench process itself for in-process measures).
import { readFileSync } from 'node:fs';
import { topFrames } from './lib/profile.mjs';

const [file, top = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
for (const row of topFrames(JSON.parse(readFileSync(file, 'utf8')), Number(top))) {
  process.stdout.write(`${String(row.self_pct).padStart(5)}%  ${String(row.self_ms).padStart(8)} ms  ${row.frame}\n`);
}
