import type { CodeCase } from './case-types.js';
import { httpExecutor } from './helpers.js';

const src = '$.sources.db';

export const TOP_LEVEL_CASES: CodeCase[] = [
  { title: '$schema not a string', code: 'INVALID_SCHEMA_REF', path: '$["$schema"]', mutate: (c) => { c.$schema = 5; } },
  { title: 'version 2', code: 'UNSUPPORTED_CONFIG_VERSION', path: '$.version', mutate: (c) => { c.version = 2; } },
  { title: 'version missing', code: 'UNSUPPORTED_CONFIG_VERSION', path: '$.version', mutate: (c) => { delete c.version; } },
  { title: 'unknown mode', code: 'INVALID_MODE', path: '$.mode', mutate: (c) => { c.mode = 'live'; } },
  { title: 'mode missing', code: 'INVALID_MODE', path: '$.mode', mutate: (c) => { delete c.mode; } },
  { title: 'mode cloud', code: 'CLOUD_MODE_UNSUPPORTED', path: '$.mode', mutate: (c) => { c.mode = 'cloud'; } },
  { title: 'cloud block', code: 'CLOUD_MODE_UNSUPPORTED', path: '$.cloud', mutate: (c) => { c.cloud = { project: 'p' }; } },
  { title: 'result_format 3', code: 'INVALID_RESULT_FORMAT', path: '$.result_format', mutate: (c) => { c.result_format = 3; } },
  { title: 'strict not boolean', code: 'INVALID_STRICT', path: '$.strict', mutate: (c) => { c.strict = 'yes'; } },
  { title: 'storage string', code: 'STORAGE_NOT_OBJECT', path: '$.storage', mutate: (c) => { c.storage = './x.db'; } },
  { title: 'storage array', code: 'STORAGE_NOT_OBJECT', path: '$.storage', mutate: (c) => { c.storage = []; } },
  { title: 'empty sqlite_path', code: 'INVALID_SQLITE_PATH', path: '$.storage.sqlite_path', mutate: (c) => { c.storage = { sqlite_path: '' }; } },
  { title: 'sources empty', code: 'SOURCES_REQUIRED', path: '$.sources', mutate: (c) => { c.sources = {}; } },
  { title: 'sources missing', code: 'SOURCES_REQUIRED', path: '$.sources', mutate: (c) => { delete c.sources; } },
  {
    title: 'source name with space',
    code: 'UNSAFE_SOURCE_NAME',
    path: '$.sources["bad name"]',
    mutate: (c) => { c.sources['bad name'] = { ...c.sources.db }; },
  },
  { title: 'no trusted_context', code: 'TRUSTED_CONTEXT_REQUIRED', path: '$.trusted_context', mutate: (c) => { delete c.trusted_context; } },
  { title: 'contexts empty', code: 'CONTEXTS_NOT_OBJECT', path: '$.contexts', mutate: (c) => { c.contexts = {}; } },
  { title: 'contexts array', code: 'CONTEXTS_NOT_OBJECT', path: '$.contexts', mutate: (c) => { c.contexts = []; } },
  { title: 'executors array', code: 'EXECUTORS_NOT_OBJECT', path: '$.executors', mutate: (c) => { c.executors = []; } },
  { title: 'capabilities empty', code: 'CAPABILITIES_REQUIRED', path: '$.capabilities', mutate: (c) => { c.capabilities = []; } },
  { title: 'capabilities missing', code: 'CAPABILITIES_REQUIRED', path: '$.capabilities', mutate: (c) => { delete c.capabilities; } },
  {
    title: 'duplicate capability name',
    code: 'DUPLICATE_CAPABILITY_NAME',
    path: '$.capabilities[1].name',
    mutate: (c) => { c.capabilities[1].name = c.capabilities[0].name; },
  },
  {
    title: 'executor in read_only mode',
    code: 'EXECUTOR_INVALID_IN_READ_ONLY',
    path: '$.executors.billing_api',
    mutate: (c) => { c.mode = 'read_only'; c.executors = { billing_api: httpExecutor() }; },
  },
  { title: 'unknown top-level key', code: 'UNKNOWN_FIELD', path: '$.extra', mutate: (c) => { c.extra = true; } },
];

export const SOURCE_CASES: CodeCase[] = [
  { title: 'engine oracle', code: 'INVALID_SOURCE_ENGINE', path: `${src}.engine`, mutate: (c) => { c.sources.db.engine = 'oracle'; } },
  { title: 'engine missing', code: 'INVALID_SOURCE_ENGINE', path: `${src}.engine`, mutate: (c) => { delete c.sources.db.engine; } },
  { title: 'read_url_env missing', code: 'READ_URL_ENV_REQUIRED', path: `${src}.read_url_env`, mutate: (c) => { delete c.sources.db.read_url_env; } },
  { title: 'read_url_env lowercase', code: 'READ_URL_ENV_REQUIRED', path: `${src}.read_url_env`, mutate: (c) => { c.sources.db.read_url_env = 'db_read'; } },
  { title: 'write_url_env bad', code: 'INVALID_WRITE_URL_ENV', path: `${src}.write_url_env`, mutate: (c) => { c.sources.db.write_url_env = 'DB-WRITE'; } },
  {
    title: 'shared credential env',
    code: 'SHARED_CREDENTIAL_ENV',
    path: `${src}.write_url_env`,
    warning: true,
    mutate: (c) => { c.sources.db.write_url_env = 'DB_READ_URL'; },
  },
  { title: 'read_only string', code: 'INVALID_SOURCE_READ_ONLY', path: `${src}.read_only`, mutate: (c) => { c.sources.db.read_only = 'no'; } },
  { title: 'timeout 0', code: 'INVALID_TIMEOUT', path: `${src}.statement_timeout_ms`, mutate: (c) => { c.sources.db.statement_timeout_ms = 0; } },
  { title: 'timeout too big', code: 'INVALID_TIMEOUT', path: `${src}.statement_timeout_ms`, mutate: (c) => { c.sources.db.statement_timeout_ms = 600_001; } },
  { title: 'timeout fraction', code: 'INVALID_TIMEOUT', path: `${src}.statement_timeout_ms`, mutate: (c) => { c.sources.db.statement_timeout_ms = 1.5; } },
  { title: 'pool_max 101', code: 'INVALID_POOL_MAX', path: `${src}.pool_max`, mutate: (c) => { c.sources.db.pool_max = 101; } },
  { title: 'receipts_schema bad', code: 'INVALID_RECEIPTS_SCHEMA', path: `${src}.receipts_schema`, mutate: (c) => { c.sources.db.receipts_schema = 'a b'; } },
  { title: 'ssl string', code: 'INVALID_SSL', path: `${src}.ssl`, mutate: (c) => { c.sources.db.ssl = 'require'; } },
  { title: 'ssl flag string', code: 'INVALID_SSL', path: `${src}.ssl.reject_unauthorized`, mutate: (c) => { c.sources.db.ssl = { reject_unauthorized: 'no' }; } },
  { title: 'ssl ca_env bad', code: 'INVALID_SSL', path: `${src}.ssl.ca_env`, mutate: (c) => { c.sources.db.ssl = { ca_env: 'pem' }; } },
];

const tc = '$.trusted_context';

export const CONTEXT_CASES: CodeCase[] = [
  {
    title: 'context name with space',
    code: 'INVALID_CONTEXT_NAME',
    path: '$.contexts["bad name"]',
    mutate: (c) => { c.contexts = { 'bad name': { provider: 'environment', values: {} } }; },
  },
  { title: 'provider oauth', code: 'INVALID_CONTEXT_PROVIDER', path: `${tc}.provider`, mutate: (c) => { c.trusted_context.provider = 'oauth'; } },
  { title: 'context string', code: 'INVALID_CONTEXT_PROVIDER', path: tc, mutate: (c) => { c.trusted_context = 'env'; } },
  { title: 'values missing', code: 'INVALID_CONTEXT_VALUES', path: `${tc}.values`, mutate: (c) => { delete c.trusted_context.values; } },
  {
    title: 'static_dev without principal',
    code: 'INVALID_CONTEXT_VALUES',
    path: `${tc}.values`,
    mutate: (c) => { c.trusted_context = { provider: 'static_dev', values: { tenant_id: 'acme' } }; },
  },
  {
    title: 'context env name lowercase',
    code: 'INVALID_CONTEXT_ENV_NAME',
    path: `${tc}.values.tenant_id_env`,
    mutate: (c) => { c.trusted_context.values.tenant_id_env = 'tenant'; },
  },
  {
    title: 'static_dev literals',
    code: 'STATIC_DEV_CONTEXT',
    path: `${tc}.provider`,
    warning: true,
    mutate: (c) => { c.trusted_context = { provider: 'static_dev', values: { tenant_id: 'acme', principal_env: 'DEV_PRINCIPAL' } }; },
  },
  {
    title: 'bad claim name',
    code: 'INVALID_CLAIM_NAME',
    path: `${tc}.values.tenant_id_claim`,
    mutate: (c) => { c.trusted_context = { provider: 'http_claims', values: { tenant_id_claim: '1tenant' } }; },
  },
  {
    title: 'http_claims',
    code: 'HTTP_CLAIMS_NOT_YET_SUPPORTED',
    path: `${tc}.provider`,
    warning: true,
    mutate: (c) => { c.trusted_context = { provider: 'http_claims', values: { jwks_url_env: 'JWKS_URL' } }; },
  },
];

const ex = '$.executors.h';
const withHttp = (change: (e: Record<string, unknown>) => void) => (c: Record<string, any>) => {
  const e = httpExecutor();
  change(e);
  c.executors = { h: e };
};
const command = (extra: Record<string, unknown>) => (c: Record<string, any>) => {
  c.executors = { h: { type: 'command_handler', command_env: 'HANDLER_CMD', ...extra } };
};

export const EXECUTOR_CASES: CodeCase[] = [
  {
    title: 'executor name with space',
    code: 'INVALID_EXECUTOR_NAME',
    path: '$.executors["bad name"]',
    mutate: (c) => { c.executors = { 'bad name': httpExecutor() }; },
  },
  {
    title: 'handler named sql_update',
    code: 'INVALID_EXECUTOR_NAME',
    path: '$.executors.sql_update',
    mutate: (c) => { c.executors = { sql_update: httpExecutor() }; },
  },
  { title: 'type lambda', code: 'INVALID_EXECUTOR_TYPE', path: `${ex}.type`, mutate: withHttp((e) => { e.type = 'lambda'; }) },
  { title: 'type missing', code: 'INVALID_EXECUTOR_TYPE', path: `${ex}.type`, mutate: withHttp((e) => { delete e.type; }) },
  { title: 'url_env missing', code: 'HANDLER_URL_ENV_REQUIRED', path: `${ex}.url_env`, mutate: withHttp((e) => { delete e.url_env; }) },
  { title: 'method GET', code: 'INVALID_HANDLER_METHOD', path: `${ex}.method`, mutate: withHttp((e) => { e.method = 'GET'; }) },
  { title: 'auth string', code: 'EXECUTOR_AUTH_NOT_OBJECT', path: `${ex}.auth`, mutate: withHttp((e) => { e.auth = 'bearer'; }) },
  {
    title: 'auth basic',
    code: 'INVALID_EXECUTOR_AUTH',
    path: `${ex}.auth.type`,
    mutate: withHttp((e) => { e.auth = { type: 'basic', token_env: 'T' }; }),
  },
  {
    title: 'auth without token_env',
    code: 'EXECUTOR_TOKEN_ENV_REQUIRED',
    path: `${ex}.auth.token_env`,
    mutate: withHttp((e) => { e.auth = { type: 'bearer_env' }; }),
  },
  { title: 'no auth', code: 'HANDLER_AUTH_DISABLED', path: `${ex}.auth`, warning: true, mutate: withHttp((e) => { delete e.auth; }) },
  {
    title: 'signing secret env bad',
    code: 'HANDLER_SIGNING_SECRET_ENV_INVALID',
    path: `${ex}.signing_secret_env`,
    mutate: withHttp((e) => { e.signing_secret_env = 'secret'; }),
  },
  {
    title: 'no signing secret',
    code: 'HANDLER_SIGNING_DISABLED',
    path: `${ex}.signing_secret_env`,
    warning: true,
    mutate: withHttp((e) => { delete e.signing_secret_env; }),
  },
  { title: 'timeout too big', code: 'INVALID_HANDLER_TIMEOUT', path: `${ex}.timeout_ms`, mutate: withHttp((e) => { e.timeout_ms = 120_001; }) },
  {
    title: 'command_env missing',
    code: 'COMMAND_ENV_REQUIRED',
    path: `${ex}.command_env`,
    mutate: (c) => { c.executors = { h: { type: 'command_handler' } }; },
  },
  { title: 'pass_env item bad', code: 'INVALID_PASS_ENV', path: `${ex}.pass_env[1]`, mutate: command({ pass_env: ['OK', 'not-ok'] }) },
  { title: 'pass_env string', code: 'INVALID_PASS_ENV', path: `${ex}.pass_env`, mutate: command({ pass_env: 'HOME' }) },
  { title: 'http field on command', code: 'UNKNOWN_FIELD', path: `${ex}.url_env`, mutate: command({ url_env: 'HANDLER_URL' }) },
  { title: 'command field on http', code: 'UNKNOWN_FIELD', path: `${ex}.pass_env`, mutate: withHttp((e) => { e.pass_env = []; }) },
];
