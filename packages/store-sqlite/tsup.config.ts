import { packageBuild } from '../../tsup.base.js';

// `ledger-worker` is the threaded store's worker script: a separate entry, emitted next to the
// code that starts it (`new URL('./ledger-worker.js', import.meta.url)`).
export default packageBuild(['src/index.ts', 'src/ledger-worker.ts']);
