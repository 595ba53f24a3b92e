export * from './types.js';
export * from './create-runtime.js';
export { systemRandom } from './defaults.js';
