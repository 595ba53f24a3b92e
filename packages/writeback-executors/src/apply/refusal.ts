import type { ApplyRefusal } from './types.js';

/** A pre-flight refusal: thrown inside the checks, caught once by the orchestration. */
export class PreflightRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PreflightRefusal';
  }

  toJSON(): ApplyRefusal {
    return { code: this.code, message: this.message };
  }
}

export function refuseWith(code: string, message: string): never {
  throw new PreflightRefusal(code, message);
}
