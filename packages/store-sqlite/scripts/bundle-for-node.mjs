// Kept as a path alias only: bench/lib/ledger-fill.mjs imports the bundler from here. The
// helper itself is the repo-wide scripts/bundle-for-node.mjs.
export { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
