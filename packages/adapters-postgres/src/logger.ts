/** The only logging the adapter does: debug lines with redacted driver text. */
export interface DebugLogger {
  debug(obj: object, msg: string): void;
}

export const silentLogger: DebugLogger = { debug: () => undefined };
