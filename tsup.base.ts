// The build every package shares: ESM for Node 20 with declarations and source maps, compiled
// against the package's tsconfig.build.json. A package's tsup.config.ts names its entries and
// adds only what is its own (e.g. the CLI's loaders and copy step).
import { defineConfig, type Options } from 'tsup';

export function packageBuild(entry: string[], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    ...extra,
  });
}
