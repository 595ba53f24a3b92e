import * as v from 'valibot';
import { boundedInt, codesFor, envName } from './fields.js';

const executorCodes = (missing: Record<string, string> = {}) =>
  codesFor('EXECUTOR_NOT_OBJECT', { type: 'INVALID_EXECUTOR_TYPE', ...missing });
const handlerTimeout = () => v.optional(boundedInt(1, 120_000, 'INVALID_HANDLER_TIMEOUT'), 5000);

export const SqlUpdateExecutorSchema = v.object(
  { type: v.literal('sql_update', 'INVALID_EXECUTOR_TYPE') },
  executorCodes(),
);

const BearerAuthSchema = v.object(
  {
    type: v.literal('bearer_env', 'INVALID_EXECUTOR_AUTH'),
    token_env: envName('EXECUTOR_TOKEN_ENV_REQUIRED'),
  },
  codesFor('EXECUTOR_AUTH_NOT_OBJECT', { type: 'INVALID_EXECUTOR_AUTH', token_env: 'EXECUTOR_TOKEN_ENV_REQUIRED' }),
);

export const HttpHandlerExecutorSchema = v.object(
  {
    type: v.literal('http_handler', 'INVALID_EXECUTOR_TYPE'),
    url_env: envName('HANDLER_URL_ENV_REQUIRED'),
    method: v.optional(v.picklist(['POST', 'PUT', 'PATCH'], 'INVALID_HANDLER_METHOD'), 'POST'),
    auth: v.optional(BearerAuthSchema),
    signing_secret_env: v.optional(envName('HANDLER_SIGNING_SECRET_ENV_INVALID')),
    timeout_ms: handlerTimeout(),
  },
  executorCodes({ url_env: 'HANDLER_URL_ENV_REQUIRED' }),
);

export const CommandHandlerExecutorSchema = v.object(
  {
    type: v.literal('command_handler', 'INVALID_EXECUTOR_TYPE'),
    command_env: envName('COMMAND_ENV_REQUIRED'),
    timeout_ms: handlerTimeout(),
    pass_env: v.optional(v.array(envName('INVALID_PASS_ENV'), 'INVALID_PASS_ENV'), () => []),
  },
  executorCodes({ command_env: 'COMMAND_ENV_REQUIRED' }),
);

export const ExecutorSchema = v.variant(
  'type',
  [SqlUpdateExecutorSchema, HttpHandlerExecutorSchema, CommandHandlerExecutorSchema],
  codesFor('EXECUTOR_NOT_OBJECT', { type: 'INVALID_EXECUTOR_TYPE' }),
);
