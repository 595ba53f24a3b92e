import * as v from 'valibot';
import { codesFor, nonEmptyMap } from './fields.js';
import { SAFE_NAME_PATTERN } from './patterns.js';
import { SourceSchema } from './schema-source.js';
import { ContextSchema } from './schema-context.js';
import { ExecutorSchema } from './schema-executor.js';
import { CapabilitySchema } from './schema-capability.js';

/**
 * `synapsor.runner.json` v1 (config.md): the single source of truth for the config's types and
 * for the generated editor JSON Schema. Cross-field rules live in `rules/`, unknown and
 * forbidden keys in the walkers.
 */

export const DEFAULT_SQLITE_PATH = './.synapsor/local.db';

const safeName = (code: string) => v.pipe(v.string(code), v.regex(SAFE_NAME_PATTERN, code));

const StorageSchema = v.object(
  {
    sqlite_path: v.optional(
      v.pipe(v.string('INVALID_SQLITE_PATH'), v.minLength(1, 'INVALID_SQLITE_PATH')),
      DEFAULT_SQLITE_PATH,
    ),
  },
  'STORAGE_NOT_OBJECT',
);

export const ModeSchema = v.picklist(['read_only', 'shadow', 'review'], (issue) =>
  issue.input === 'cloud' ? 'CLOUD_MODE_UNSUPPORTED' : 'INVALID_MODE',
);

export const RunnerConfigSchema = v.object(
  {
    $schema: v.optional(v.string('INVALID_SCHEMA_REF')),
    version: v.literal(1, 'UNSUPPORTED_CONFIG_VERSION'),
    mode: ModeSchema,
    result_format: v.optional(v.picklist([1, 2], 'INVALID_RESULT_FORMAT'), 2),
    strict: v.optional(v.boolean('INVALID_STRICT'), true),
    storage: v.optional(StorageSchema, {}),
    sources: nonEmptyMap(safeName('UNSAFE_SOURCE_NAME'), SourceSchema, 'SOURCES_REQUIRED'),
    trusted_context: v.optional(ContextSchema),
    contexts: v.optional(nonEmptyMap(safeName('INVALID_CONTEXT_NAME'), ContextSchema, 'CONTEXTS_NOT_OBJECT')),
    executors: v.optional(v.record(safeName('INVALID_EXECUTOR_NAME'), ExecutorSchema, 'EXECUTORS_NOT_OBJECT')),
    capabilities: v.pipe(v.array(CapabilitySchema, 'CAPABILITIES_REQUIRED'), v.minLength(1, 'CAPABILITIES_REQUIRED')),
  },
  codesFor('CONFIG_NOT_OBJECT', {
    version: 'UNSUPPORTED_CONFIG_VERSION',
    mode: 'INVALID_MODE',
    sources: 'SOURCES_REQUIRED',
    capabilities: 'CAPABILITIES_REQUIRED',
  }),
);

export { SourceSchema, ContextSchema, ExecutorSchema, CapabilitySchema };
