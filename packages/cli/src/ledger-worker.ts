// Build entry only: `dist/ledger-worker.js`, the worker thread of the threaded ledger store that
// `mcp serve*` opens. The bundled store code looks for it next to its own chunk (dist/ is flat).
import '@synapsor/store-sqlite/ledger-worker';
