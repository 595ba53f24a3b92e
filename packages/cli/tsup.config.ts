import { cpSync } from 'node:fs';
import { packageBuild } from '../../tsup.base.js';

export default packageBuild(['src/index.ts', 'src/bin.ts'], {
  // The demo's reference schema, seed and config are bundled so `dist/` is self-contained.
  loader: { '.sql': 'text' },
  // The repo-root `recipes/` stays the only source; a build copies it into `dist/recipes`
  // (shipped with `dist`) so a packed and installed CLI has them. tsup runs in the package dir.
  onSuccess: async () => {
    cpSync('../../recipes', 'dist/recipes', { recursive: true });
  },
});
