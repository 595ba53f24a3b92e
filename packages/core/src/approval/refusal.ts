import { SynapsorError } from '../errors/index.js';

/** A rule check's answer: the first failing code as an error, or `null` when allowed. */
export type Refusal = SynapsorError | null;

export function refuse(code: string, message: string): SynapsorError {
  return new SynapsorError(code, message);
}
