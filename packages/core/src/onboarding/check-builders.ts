import type { Check } from '../ports/index.js';

export const passCheck = (id: string, message: string): Check => ({ id, status: 'pass', message, fix: null });
export const warnCheck = (id: string, message: string, fix: string | null): Check => ({ id, status: 'warn', message, fix });
export const failCheck = (id: string, message: string, fix: string | null): Check => ({ id, status: 'fail', message, fix });
export const skipCheck = (id: string, message: string): Check => ({ id, status: 'skip', message, fix: null });

/** Worst status first: fail > warn > pass > skip. */
export function worstStatus(checks: readonly Check[]): Check['status'] {
  for (const status of ['fail', 'warn', 'pass'] as const) if (checks.some((check) => check.status === status)) return status;
  return 'skip';
}
