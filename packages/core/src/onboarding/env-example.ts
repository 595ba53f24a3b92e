import type { RunnerConfig } from '../config/index.js';
import { INIT_DEFAULTS } from './defaults.js';
import { envRequirements, type EnvPurpose } from './env-requirements.js';

const PLACEHOLDERS: Record<EnvPurpose, (engine: string) => string> = {
  read_url: (engine) => `<${engine} URL of a read-only role>`,
  write_url: (engine) => `<${engine} URL of the writer role (UPDATE on allowed columns only)>`,
  tenant: () => '<tenant id this runner serves>',
  principal: () => '<principal name recorded on proposals>',
  handler_url: () => '<https URL of your writeback handler>',
  handler_token: () => '<random bearer token, 32+ characters>',
  handler_signing_secret: () => '<random HMAC secret, 32+ characters>',
  handler_command: () => '<command line of your writeback handler>',
  tls_ca: () => '<PEM of the database CA>',
};

/**
 * `.env.example`: every env name the config reads, with placeholders only (never a value).
 * Real values go in a 0600 env file passed with `mcp serve --env-file`.
 */
export function renderEnvExample(config: RunnerConfig): string {
  const engineOf = (owner: string) => config.sources[owner.replace(/^sources\./, '')]?.engine ?? 'database';
  const lines = [
    '# Synapsor Runner environment (names only; placeholders, no real values).',
    `# Copy to ${INIT_DEFAULTS.env_file}, fill in, chmod 600, and pass it with --env-file.`,
    '# Never commit the filled-in file.',
  ];
  for (const entry of envRequirements(config)) {
    lines.push(`${entry.name}=${PLACEHOLDERS[entry.purpose](engineOf(entry.owner))}`);
  }
  return `${lines.join('\n')}\n`;
}
