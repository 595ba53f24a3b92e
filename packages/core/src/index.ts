export * from './hashing/index.js';
export * from './ids/index.js';
export * from './errors/index.js';
export * from './records/index.js';
export * from './ports/index.js';
export * from './writeback/index.js';
export * from './runtime/types.js';
