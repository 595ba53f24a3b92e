export * from './versions.js';
export * from './row-hash.js';
export * from './result-hash.js';
export * from './guarded-update-plan.js';
export * from './column-suggestions.js';
export * from './read-plan-check.js';
export * from './guarded-update-steps.js';
export * from './grant-plan.js';
