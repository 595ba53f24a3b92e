export * from './columns.js';
export * from './read-plan.js';
export * from './records.js';
