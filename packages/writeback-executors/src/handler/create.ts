import type { HandlerInput, HandlerOptions, HandlerResponse } from './options.js';
import { runWritebackTransaction } from './transaction.js';
import { verifyWritebackRequest } from './verify.js';
import { failure } from './options.js';

/** Checks 1–13, then the one transaction; `({method, headers, rawBody}) → {status, body}`. */
export function createWritebackHandler(options: HandlerOptions): (input: HandlerInput) => Promise<HandlerResponse> {
  return async (input) => {
    try {
      const verified = await verifyWritebackRequest(input, options);
      if (!verified.ok) return { status: verified.status, body: verified.body };
      return await runWritebackTransaction(verified.request, options);
    } catch {
      // Never leak driver or stack text to the runner.
      return failure(500, 'HANDLER_EXCEPTION');
    }
  };
}
