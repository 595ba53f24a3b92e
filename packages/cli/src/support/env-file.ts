import { readFile } from 'node:fs/promises';
import { usageError } from './errors.js';

/** Parses `KEY=VALUE` lines (blank lines and `#` comments ignored, optional quotes stripped). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2] ?? '';
    if (value.length >= 2 && (value.startsWith('"') || value.startsWith("'")) && value.endsWith(value[0]!)) {
      value = value.slice(1, -1);
    }
    values[match[1]!] = value;
  }
  return values;
}

/** Env for the runtime: the env file's values, with the process env winning (cli.md). */
export async function loadEnv(
  processEnv: Record<string, string | undefined>,
  envFile: string | undefined,
): Promise<Record<string, string | undefined>> {
  if (!envFile) return { ...processEnv };
  let text: string;
  try {
    text = await readFile(envFile, 'utf8');
  } catch {
    throw usageError('ENV_FILE_NOT_FOUND', `env file not readable: ${envFile}`);
  }
  return { ...parseEnvFile(text), ...processEnv };
}
