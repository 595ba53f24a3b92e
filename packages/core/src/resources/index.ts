export * from './error.js';
export * from './uri.js';
export * from './projections.js';
export * from './read.js';
