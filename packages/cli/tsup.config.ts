import { cpSync } from 'node:fs';
import { packageBuild } from '../../tsup.base.js';

export default packageBuild(['src/index.ts', 'src/bin.ts'], {
  // The demo's reference schema, seed and config are bundled so `dist/` is self-contained.
  loader: { '.sql': 'text' },
  // Cold start (docs/performance.md): the workspace packages and their pure-JS dependencies
  // (kysely, the MCP SDK, zod, valibot, pino) are bundled into `dist/`, so Node reads a few
  // chunks instead of resolving several hundred module files. Commands import their heavy parts
  // with `import()`, which esbuild splits into chunks loaded only by that command. Everything in
  // `dependencies` stays external: native better-sqlite3, the drivers (pg, mysql2), PGlite (WASM
  // assets next to its module), fastify, commander, picocolors.
  noExternal: [/^@synapsor\//, /^@modelcontextprotocol\/sdk(\/|$)/],
  // Bundled CommonJS code (pino, parts of the SDK's dependencies) calls `require` for Node
  // built-ins, which an ES module does not have.
  banner: { js: "import { createRequire as __synapsorCreateRequire } from 'node:module'; const require = __synapsorCreateRequire(import.meta.url);" },
  // The repo-root `recipes/` stays the only source; a build copies it into `dist/recipes`
  // (shipped with `dist`) so a packed and installed CLI has them. writeback-executors reads its
  // handler templates from `../templates/` relative to its own module, which is now a chunk in
  // `dist/`, so they are copied next to `dist/` (shipped via `files`). tsup runs in the package dir.
  onSuccess: async () => {
    cpSync('../../recipes', 'dist/recipes', { recursive: true });
    cpSync('../writeback-executors/templates', 'templates', { recursive: true });
  },
});
