export * from './jcs.js';
export * from './hash.js';
export * from './sealed.js';
