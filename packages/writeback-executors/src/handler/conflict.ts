import type { JsonObject } from '@synapsor/core';

/**
 * Thrown by an action to answer a business conflict (e.g. `CREDIT_POLICY_CHANGED`): the
 * action's writes are rolled back, the conflict is stored, and a redelivery answers the same.
 */
export class HandlerConflict extends Error {
  readonly code: string;
  readonly details: JsonObject | undefined;

  constructor(code: string, details?: JsonObject) {
    super(code);
    this.name = 'HandlerConflict';
    this.code = code;
    this.details = details;
  }
}
