import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import { RunnerConfigSchema } from './schema.js';
import { PatchBindingObjectSchema } from './schema-proposal.js';

/*
 * Editor JSON Schema (draft 2020-12) generated from the valibot schema, never hand-written.
 * `check`, `transform` and `finite` have no JSON Schema form and are left to the validator, as
 * are all cross-field rules. Objects get `additionalProperties: false` so editors flag typos
 * as `strict: true` (the default) does.
 */
const CONVERSION: ConversionConfig = {
  target: 'draft-2020-12',
  ignoreActions: ['check', 'transform', 'finite'],
  overrideSchema: ({ valibotSchema, jsonSchema }) => {
    if (valibotSchema.type !== 'object') return undefined;
    const closed = { ...jsonSchema, additionalProperties: false };
    // "exactly one of fixed / from_arg" is a check in valibot; JSON Schema can say it directly.
    if (valibotSchema === PatchBindingObjectSchema) {
      return { ...closed, oneOf: [{ required: ['fixed'] }, { required: ['from_arg'] }] };
    }
    return closed;
  },
};

export function generateConfigJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = toJsonSchema(RunnerConfigSchema, CONVERSION);
  return {
    $schema,
    title: 'synapsor.runner.json v1',
    description:
      'Synapsor Runner config. Generated from the valibot schema in @synapsor/core; cross-field rules are enforced by `synapsor-runner config validate`.',
    ...body,
  };
}

/** Exact text of the committed `schemas/synapsor.runner.schema.json`. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(generateConfigJsonSchema(), null, 2)}\n`;
}
