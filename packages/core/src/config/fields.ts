import * as v from 'valibot';
import { SQL_IDENTIFIER_PATTERN } from '../guards/identifier.js';
import { ENV_NAME_PATTERN } from './patterns.js';

/*
 * Schema building blocks. Every valibot message is a validation code (config.md); the
 * validator turns codes into human messages, so valibot's own texts (which echo input values)
 * never reach an issue.
 */

type AnyIssue = v.BaseIssue<unknown>;

/**
 * Message for object/variant schemas: a missing required key gets that key's code, anything
 * else (wrong type) gets `notObject`. valibot reports a missing key with a one-item path naming
 * the key, and a wrong type without a path.
 */
export function codesFor(notObject: string, missing: Readonly<Record<string, string>> = {}) {
  return (issue: AnyIssue): string => {
    const key = issue.path?.[0]?.key;
    return typeof key === 'string' ? (missing[key] ?? notObject) : notObject;
  };
}

export const envName = (code: string) => v.pipe(v.string(code), v.regex(ENV_NAME_PATTERN, code));

export const identifier = (code: string) =>
  v.pipe(v.string(code), v.regex(SQL_IDENTIFIER_PATTERN, code));

export const boundedInt = (min: number, max: number, code: string) =>
  v.pipe(v.number(code), v.integer(code), v.minValue(min, code), v.maxValue(max, code));

export const text = (min: number, max: number, code: string) =>
  v.pipe(v.string(code), v.minLength(min, code), v.maxLength(max, code));

/** Finite number (`Infinity` cannot come from JSON but can from a caller's object). */
export const finiteNumber = (code: string) => v.pipe(v.number(code), v.finite(code));

/** Non-empty array of identifiers; duplicates are a cross-field rule (needs the item path). */
export const identifierList = (listCode: string, itemCode: string) =>
  v.pipe(v.array(identifier(itemCode), listCode), v.minLength(1, listCode));

/** Map whose keys and values follow the given schemas, with at least one entry. */
export function nonEmptyMap<
  K extends v.GenericSchema<string, string>,
  V extends v.GenericSchema,
>(key: K, value: V, code: string) {
  return v.pipe(v.record(key, value, code), v.minEntries(1, code));
}
