// `node scripts/run-bundled.mjs <entry.ts> [args…]`: bundles a TypeScript entry (bench scripts)
// with bundle-for-node.mjs, runs it in a child `node`, deletes the bundle, exits with its code.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleForNode } from './bundle-for-node.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-bundled.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const script = await bundleForNode(resolve(entry));
const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
child.on('exit', (code) => {
  rmSync(script, { force: true });
  process.exit(code ?? 1);
});
