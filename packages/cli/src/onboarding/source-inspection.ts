import { engineFromUrl, isSynapsorError, type Engine, type Inspection, type SourceAdapter } from '@synapsor/core';
import { CliError, usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { adapterFactory } from '../support/sources.js';

/** Env name an inline `inspect <url>` is handed to the adapter under (adapters take names only). */
const INLINE_URL_ENV = 'SYNAPSOR_INSPECT_INLINE_URL';

export interface SourceTarget {
  engine: Engine;
  /** The env name holding the URL (`--from-env`), or the private inline name. */
  envName: string;
  env: Readonly<Record<string, string | undefined>>;
  inline: boolean;
}

/**
 * Where to connect: `--from-env ENV` or an inline URL (tip printed: use an env var). The URL
 * value is never printed; engine `auto` follows the URL scheme.
 */
export function resolveSourceTarget(io: CliIo, flags: { fromEnv?: string; url?: string; engine?: 'auto' | Engine }): SourceTarget {
  if (flags.fromEnv && flags.url) throw usageError('SOURCE_AMBIGUOUS', 'pass either --from-env or a URL, not both');
  let url: string;
  let envName: string;
  let env: Record<string, string | undefined>;
  if (flags.fromEnv) {
    url = io.env[flags.fromEnv] ?? '';
    if (url === '') throw usageError('SOURCE_ENV_MISSING', `env var ${flags.fromEnv} is not set`);
    envName = flags.fromEnv;
    env = { [envName]: url };
  } else if (flags.url) {
    url = flags.url;
    envName = INLINE_URL_ENV;
    env = { [envName]: url };
    io.stderr('tip: put the URL in an env var and pass --from-env NAME, so it stays out of shell history and process lists\n');
  } else {
    throw usageError('SOURCE_REQUIRED', 'pass --from-env ENV (recommended) or a database URL');
  }
  const detected = engineFromUrl(url);
  const engine = !flags.engine || flags.engine === 'auto' ? detected : flags.engine;
  if (!engine) throw usageError('ENGINE_UNKNOWN', 'cannot tell the engine from the URL scheme; pass --engine postgres|mysql');
  return { engine, envName, env, inline: !flags.fromEnv };
}

export async function adapterFor(target: SourceTarget): Promise<SourceAdapter> {
  const options = { sourceId: 'inspect', readUrlEnv: target.envName, statementTimeoutMs: 3000, poolMax: 1, env: target.env };
  return (await adapterFactory(target.engine))(options);
}

/**
 * Metadata-only inspection through the adapter. A connection failure is reported as the
 * cli.md safe category (the reader doctor probe tells `authentication failed` from
 * `connection failed`); driver text and the URL never reach the output.
 */
export async function inspectSource(target: SourceTarget, schemas: string[]): Promise<Inspection> {
  const adapter = await adapterFor(target);
  try {
    return await adapter.inspect(schemas.length > 0 ? { schemas } : {});
  } catch (error) {
    if (!isSynapsorError(error)) throw error;
    if (error.code === 'INSPECT_SCHEMA_REQUIRED') throw usageError(error.code, 'the URL names no database; pass --schema');
    if (error.code === 'SOURCE_URL_INVALID') throw usageError(error.code, 'the database URL is not valid');
    const probe = await adapter.doctor([{ kind: 'reader' }]).catch(() => []);
    const failed = probe.find((check) => check.status === 'fail');
    const category = failed ? failed.message.replace(/^reader: /, '') : error.message;
    throw new CliError(error.code, `inspection failed: ${category}`);
  } finally {
    await adapter.close().catch(() => undefined);
  }
}
