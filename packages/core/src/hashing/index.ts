export * from './jcs.js';
export * from './hash.js';
