export {};
export * from './identifier.js';
export * from './reserved-args.js';
export * from './secret-material.js';
