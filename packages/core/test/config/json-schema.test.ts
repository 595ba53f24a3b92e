import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText, generateConfigJsonSchema } from '@synapsor/core';

const COMMITTED = new URL('../../schemas/synapsor.runner.schema.json', import.meta.url);

type Node = Record<string, any>;
const schema = generateConfigJsonSchema() as Node;
const capabilityOptions = schema.properties.capabilities.items.oneOf as Node[];
const proposal = capabilityOptions.find((o) => o.properties.kind.const === 'proposal')!;

describe('generated JSON Schema', () => {
  it('matches the committed schemas/synapsor.runner.schema.json (run `pnpm --filter @synapsor/core schema`)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(configJsonSchemaText());
  });

  it('is draft 2020-12 with the required top-level fields', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['version', 'mode', 'sources', 'capabilities']);
    expect(schema.properties.version).toEqual({ const: 1 });
  });

  it('carries the name rules as patterns', () => {
    expect(schema.properties.sources.additionalProperties.properties.read_url_env.pattern).toBe('^[A-Z_][A-Z0-9_]{0,127}$');
    expect(proposal.properties.visible_columns.items.pattern).toBe('^[A-Za-z_][A-Za-z0-9_]{0,62}$');
    expect(proposal.properties.approval.properties.required_role.pattern).toBe('^[A-Za-z0-9_.:-]{1,64}$');
  });

  it('closes objects and states "exactly one binding" for patch entries', () => {
    expect(schema.additionalProperties).toBe(false);
    const binding = proposal.properties.patch.additionalProperties;
    expect(binding.additionalProperties).toBe(false);
    expect(binding.oneOf).toEqual([{ required: ['fixed'] }, { required: ['from_arg'] }]);
  });

  it('documents defaults', () => {
    expect(schema.properties.result_format.default).toBe(2);
    expect(schema.properties.storage.properties.sqlite_path.default).toBe('./.synapsor/local.db');
    const executors = schema.properties.executors.additionalProperties.oneOf as Node[];
    const http = executors.find((e) => e.properties.type.const === 'http_handler')!;
    expect(http.properties.method.default).toBe('POST');
  });
});
