import type { Engine } from '../records/index.js';

/** Engine by URL scheme for `--engine auto` (cli.md inspect); `null` when the scheme is unknown. */
export function engineFromUrl(url: string): Engine | null {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  return null;
}
