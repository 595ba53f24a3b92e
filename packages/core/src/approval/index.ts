export * from './transitions.js';
export * from './expiry.js';
export * from './refusal.js';
export * from './check-decision.js';
export * from './check-writeback.js';
