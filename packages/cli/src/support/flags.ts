import type { AliasMode, ResultFormat } from '@synapsor/core';
import { InvalidArgumentError } from 'commander';

/** commander option parsers: a bad value is reported by commander as a usage error (exit 2). */
export function integerFlag(flag: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${flag} must be an integer from ${min} to ${max}`);
    }
    return parsed;
  };
}

export function choiceFlag<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} must be one of ${choices.join(', ')}`);
    }
    return value as T;
  };
}

export const ALIAS_MODES: readonly AliasMode[] = ['canonical', 'openai', 'both'];
export const aliasModeFlag = choiceFlag<AliasMode>('--alias-mode', ALIAS_MODES);

/** `--result-format 1|2|v1|v2`. */
export function resultFormatFlag(value: string): ResultFormat {
  const normalized = value.toLowerCase().replace(/^v/, '');
  if (normalized === '1' || normalized === '2') return Number(normalized) as ResultFormat;
  throw new InvalidArgumentError('--result-format must be 1, 2, v1 or v2');
}

/** `--rate-limit <per-second>/<burst>`; `0` disables. */
export function rateLimitFlag(value: string): { perSecond: number; burst: number } | 0 {
  if (value.trim() === '0') return 0;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('--rate-limit must be <per-second>/<burst> (e.g. 50/100) or 0');
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

/** Repeatable string flags (`--allowed-host a --allowed-host b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
