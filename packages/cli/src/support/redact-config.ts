import type { RunnerConfig } from '@synapsor/core';

type ContextLike = { provider: string; values: Record<string, unknown> };

function redactContext<T extends ContextLike>(context: T): T {
  if (context.provider !== 'static_dev') return context;
  const values = { ...context.values };
  for (const key of ['tenant_id', 'principal']) if (typeof values[key] === 'string') values[key] = '[redacted]';
  return { ...context, values };
}

/** `config show --redacted`: static_dev literals masked; env names are kept (they are not secrets). */
export function redactConfig(config: RunnerConfig): RunnerConfig {
  const copy = structuredClone(config) as RunnerConfig & {
    trusted_context?: ContextLike;
    contexts?: Record<string, ContextLike>;
  };
  if (copy.trusted_context) copy.trusted_context = redactContext(copy.trusted_context);
  if (copy.contexts) {
    for (const [name, context] of Object.entries(copy.contexts)) copy.contexts[name] = redactContext(context);
  }
  return copy;
}
