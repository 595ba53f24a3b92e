import { isPlainObject, own } from '../json.js';
import type { ConfigView } from './view.js';

/** `trusted_context` is needed as soon as one capability names no `context`. */
function checkTrustedContext(view: ConfigView): void {
  if (own(view.raw, 'trusted_context') !== undefined) return;
  const capabilities = own(view.raw, 'capabilities');
  if (!Array.isArray(capabilities)) return;
  const someWithout = capabilities.some((c) => isPlainObject(c) && own(c, 'context') === undefined);
  if (someWithout) view.report(['trusted_context'], 'TRUSTED_CONTEXT_REQUIRED');
}

/** Every later occurrence of a name is reported (also among otherwise invalid entries). */
function checkDuplicateNames(view: ConfigView): void {
  const capabilities = own(view.raw, 'capabilities');
  if (!Array.isArray(capabilities)) return;
  const seen = new Set<string>();
  capabilities.forEach((capability, index) => {
    const name = own(capability, 'name');
    if (typeof name !== 'string') return;
    if (seen.has(name)) view.report(['capabilities', index, 'name'], 'DUPLICATE_CAPABILITY_NAME');
    seen.add(name);
  });
}

function checkReadOnlyExecutors(view: ConfigView): void {
  if (view.mode !== 'read_only') return;
  for (const name of view.executorNames) view.report(['executors', name], 'EXECUTOR_INVALID_IN_READ_ONLY');
}

export function checkRoot(view: ConfigView): void {
  checkTrustedContext(view);
  checkDuplicateNames(view);
  checkReadOnlyExecutors(view);
}
