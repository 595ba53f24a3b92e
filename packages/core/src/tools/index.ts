export * from './alias.js';
export * from './arguments.js';
export * from './descriptor.js';
export * from './compile.js';
export * from './boundary.js';
