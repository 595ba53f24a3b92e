export * from './common.js';
export * from './evidence.js';
export * from './change-set.js';
export * from './proposal.js';
export * from './event.js';
export * from './writeback.js';
