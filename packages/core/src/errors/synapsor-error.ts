/**
 * The one error type core and the packages throw across a port. `code` is an internal safe
 * code (`^[A-Z][A-Z0-9_]{0,63}$`); `message` must never contain driver text, URLs, hosts,
 * paths, tokens or SQL values — it may reach a model or a receipt.
 */
export class SynapsorError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'SynapsorError';
    this.code = SAFE_CODE_PATTERN.test(code) ? code : 'INTERNAL';
    this.details = details;
  }
}

export const SAFE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

export function isSynapsorError(error: unknown): error is SynapsorError {
  return error instanceof SynapsorError;
}

export function isSafeCode(code: unknown): code is string {
  return typeof code === 'string' && SAFE_CODE_PATTERN.test(code);
}
