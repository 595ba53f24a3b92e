import type { CapabilityConfig, ConfigMode, RunnerConfig } from '../config/index.js';
import type { EnvMap } from '../context/index.js';
import type { EnvelopeMeta } from '../envelope/index.js';
import type { Clock, RandomSource } from '../ids/index.js';
import type { LedgerStore, SourceAdapter } from '../ports/index.js';
import type { CapabilityKind, TrustedContext } from '../records/index.js';

/** Everything one call needs, fixed at runtime creation. */
export interface RuntimeDeps {
  config: RunnerConfig;
  env: EnvMap;
  sources: Readonly<Record<string, SourceAdapter>>;
  store: LedgerStore;
  clock: Clock;
  random: RandomSource;
  mode: ConfigMode;
}

/**
 * What a call has established so far; a failure envelope is built from it (kind, `_meta`,
 * evidence handle) whatever step failed.
 */
export interface CallTrace {
  action: string;
  kind: CapabilityKind | null;
  meta: EnvelopeMeta | Record<string, never>;
  evidenceBundleId: string | null;
  proposalId: string | null;
}

export function metaOf(capability: CapabilityConfig, context: TrustedContext): EnvelopeMeta {
  return {
    tenant_id: context.tenant_id,
    principal: context.principal,
    provenance: context.provenance,
    canonical_capability: capability.name,
  };
}
