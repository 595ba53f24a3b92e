// Writes schemas/synapsor.runner.schema.json from the valibot schema (config.md: generated,
// committed, and checked by test/config/json-schema.test.ts). Core's sources are TypeScript,
// so the config module is bundled with tsup into a temporary folder inside the package
// (dependencies stay external and resolve from this package), imported, then removed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(join(packageDir, '.schema-build-'));
try {
  await build({
    entry: { config: join(packageDir, 'src/config/index.ts') },
    outDir,
    format: ['esm'],
    target: 'node20',
    config: false,
    dts: false,
    silent: true,
  });
  const { configJsonSchemaText } = await import(pathToFileURL(join(outDir, 'config.js')).href);
  const target = join(packageDir, 'schemas/synapsor.runner.schema.json');
  writeFileSync(target, configJsonSchemaText());
  console.log(`wrote ${target}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
