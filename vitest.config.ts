import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests resolve workspace packages to their sources, so `pnpm test` needs no prior build for
// in-process tests; tests that spawn a built bin build first (root `test` script).
const root = fileURLToPath(new URL('.', import.meta.url));
const aliases: Array<{ find: string; replacement: string }> = [];
for (const dir of readdirSync(`${root}packages`)) {
  const manifest = JSON.parse(readFileSync(`${root}packages/${dir}/package.json`, 'utf8')) as {
    name: string;
    exports?: Record<string, string | { import?: string }>;
  };
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const file = typeof target === 'string' ? target : target.import;
    if (!file?.startsWith('./dist/')) continue;
    const source = file.replace('./dist/', 'src/').replace(/\.js$/, '.ts');
    aliases.push({
      find: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      replacement: `${root}packages/${dir}/${source}`,
    });
  }
}
// Longest first so `@synapsor/core/testing` wins over `@synapsor/core`.
aliases.sort((a, b) => b.find.length - a.find.length);

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
