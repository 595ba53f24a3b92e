export * from './patch.js';
export * from './version.js';
export * from './keys.js';
export * from './change-set.js';
export * from './record.js';
export * from './view.js';
