/** A problem with the request itself (exit 2): bad flags, unknown example, unreadable or malformed input. */
export class AuditUsageError extends Error {
  readonly exitCode = 2 as const;
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}
