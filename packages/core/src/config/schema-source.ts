import * as v from 'valibot';
import { boundedInt, codesFor, envName, identifier } from './fields.js';

const SslSchema = v.object(
  {
    reject_unauthorized: v.optional(v.boolean('INVALID_SSL'), true),
    ca_env: v.optional(envName('INVALID_SSL')),
  },
  'INVALID_SSL',
);

export const SourceSchema = v.object(
  {
    engine: v.picklist(['postgres', 'mysql'], 'INVALID_SOURCE_ENGINE'),
    read_url_env: envName('READ_URL_ENV_REQUIRED'),
    write_url_env: v.optional(envName('INVALID_WRITE_URL_ENV')),
    read_only: v.optional(v.boolean('INVALID_SOURCE_READ_ONLY'), false),
    statement_timeout_ms: v.optional(boundedInt(1, 600_000, 'INVALID_TIMEOUT'), 5000),
    pool_max: v.optional(boundedInt(1, 100, 'INVALID_POOL_MAX'), 10),
    receipts_schema: v.optional(identifier('INVALID_RECEIPTS_SCHEMA')),
    ssl: v.optional(SslSchema),
  },
  codesFor('SOURCE_NOT_OBJECT', { engine: 'INVALID_SOURCE_ENGINE', read_url_env: 'READ_URL_ENV_REQUIRED' }),
);
