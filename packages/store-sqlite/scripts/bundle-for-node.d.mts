export { bundleForNode } from '../../../scripts/bundle-for-node.mjs';
