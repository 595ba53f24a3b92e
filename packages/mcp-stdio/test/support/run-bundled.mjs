// `node run-bundled.mjs <entry.ts> [args…]`: bundles a TypeScript entry (bench scripts) and runs it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { bundleFixture } from './bundle.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node run-bundled.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const script = await bundleFixture(resolve(entry));
const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
