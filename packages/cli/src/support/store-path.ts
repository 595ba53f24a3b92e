import { resolve } from 'node:path';
import type { CliIo } from './io.js';
import type { LoadedConfig } from './config-file.js';

/** `--store` > `SYNAPSOR_LOCAL_STORE` > config `storage.sqlite_path` (relative to the config) > default. */
export function resolveStorePath(io: CliIo, flag: string | undefined, config?: LoadedConfig): string {
  const chosen = flag ?? io.env.SYNAPSOR_LOCAL_STORE;
  if (chosen) return chosen === ':memory:' ? chosen : resolve(io.cwd, chosen);
  const fromConfig = config?.config.storage?.sqlite_path;
  if (fromConfig) return fromConfig === ':memory:' ? fromConfig : resolve(config.dir, fromConfig);
  return resolve(io.cwd, '.synapsor/local.db');
}
