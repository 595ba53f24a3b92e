export * from './payload.js';
export * from './cursor.js';
export * from './delivery.js';
