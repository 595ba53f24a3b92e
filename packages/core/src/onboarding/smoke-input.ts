import type { ResolvedSelection } from './types.js';

/**
 * `.synapsor/smoke-input.json` (`{"<capability>": {args}}`, read by `smoke call --sample`) when a
 * primary-key value is known. Only the read tool gets an entry: a sample proposal would need
 * business arguments nobody chose.
 */
export function smokeInputDocument(resolved: ResolvedSelection): Record<string, Record<string, string>> | null {
  if (resolved.sample_id === null) return null;
  return { [resolved.read_tool]: { [resolved.lookup_arg]: resolved.sample_id } };
}
