/** A live server could not be listed (exit 2). `message` is safe to print: no args, env, tokens or bodies. */
export class LiveServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveServerError';
  }
}

/** The per-server time limit ran out (spawn/connect to the end of tools/list). */
export class LiveTimeoutError extends LiveServerError {}

/** Error text without anything the caller passed in (URLs, tokens): only a code or class name. */
export function safeCause(error: unknown): string {
  if (error instanceof LiveServerError) return error.message;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = (error as { code?: unknown } | undefined)?.code ?? cause?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  return error instanceof Error ? error.name : 'unknown error';
}
