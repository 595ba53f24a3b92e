import type { RunnerConfig } from '../../../src/config/index.js';
import type { EnvelopeV2 } from '../../../src/envelope/index.js';
import { createRuntime, type CallLogEntry, type CreateRuntimeOptions, type Runtime, type ToolCallResult } from '../../../src/runtime/index.js';
import { createFakeSource, type FakeSource } from '../../../src/testing/fake-source.js';
import { createMemoryLedgerStore, type MemoryLedgerStore } from '../../../src/testing/memory-ledger.js';
import { counterRandom, manualClock, referenceConfig, referenceTables, TRUSTED_ENV } from './fixtures.js';

export interface Harness {
  runtime: Runtime;
  source: FakeSource;
  store: MemoryLedgerStore;
  clock: ReturnType<typeof manualClock>;
  logs: CallLogEntry[];
  env: Record<string, string | undefined>;
  call(name: string, args?: unknown): Promise<EnvelopeV2>;
}

export interface HarnessOptions extends Partial<Omit<CreateRuntimeOptions, 'config' | 'sources' | 'store'>> {
  config?: RunnerConfig;
  tables?: ReturnType<typeof referenceTables>;
  sourceName?: string;
}

export function harness(options: HarnessOptions = {}): Harness {
  const clock = manualClock();
  const store = createMemoryLedgerStore({ clock });
  const source = createFakeSource({ engine: 'postgres', tables: options.tables ?? referenceTables() });
  const env: Record<string, string | undefined> = { ...(options.env ?? TRUSTED_ENV) };
  const logs: CallLogEntry[] = [];
  const { config = referenceConfig(), sourceName = 'app_postgres', ...rest } = options;
  const runtime = createRuntime({
    random: counterRandom(),
    clock,
    logger: (entry) => logs.push(entry),
    ...rest,
    config,
    env,
    sources: { [sourceName]: source },
    store,
  });
  return {
    runtime,
    source,
    store,
    clock,
    logs,
    env,
    async call(name, args) {
      return envelopeOf(await runtime.callTool(name, args));
    },
  };
}

/** The structured envelope, checked to equal the JSON text the model reads. */
export function envelopeOf(result: ToolCallResult): EnvelopeV2 {
  const text = result.content[0]?.text ?? '';
  const parsed = JSON.parse(text) as EnvelopeV2;
  if (JSON.stringify(parsed) !== JSON.stringify(result.structuredContent)) throw new Error('text and structuredContent differ');
  return parsed;
}
