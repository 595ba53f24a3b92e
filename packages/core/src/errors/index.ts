export * from './synapsor-error.js';
export * from './safe-codes.js';
