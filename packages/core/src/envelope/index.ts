export * from './types.js';
export * from './refs.js';
export * from './v2.js';
export * from './v1.js';
export * from './schema.js';
export * from './result.js';
