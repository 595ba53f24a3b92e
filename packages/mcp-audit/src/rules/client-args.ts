import { childPath } from '../json-path.js';
import type { ClientEntry } from '../loaders/client-config.js';

/** A value given to a command-line flag, as `--flag value` or `--flag=value`. */
export interface FlagValue {
  flag: string;
  value: string;
  path: string;
}

export function flagValues(entry: ClientEntry, flags: ReadonlySet<string>): FlagValue[] {
  const argsPath = childPath(entry.path, 'args');
  const out: FlagValue[] = [];
  entry.args.forEach((arg, index) => {
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!flags.has(flag)) return;
    if (eq > 0) {
      out.push({ flag, value: arg.slice(eq + 1), path: childPath(argsPath, index) });
    } else if (index + 1 < entry.args.length) {
      out.push({ flag, value: entry.args[index + 1]!, path: childPath(argsPath, index + 1) });
    }
  });
  return out;
}

export function envValues(
  entry: ClientEntry,
  matches: (name: string) => boolean,
): { name: string; value: string; path: string }[] {
  const envPath = childPath(entry.path, 'env');
  return Object.entries(entry.env)
    .filter(([name]) => matches(name))
    .map(([name, value]) => ({ name, value, path: childPath(envPath, name) }));
}
