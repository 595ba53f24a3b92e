export * from './versions.js';
export * from './row-hash.js';
