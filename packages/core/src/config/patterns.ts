/**
 * Name rules of config.md "Common rules". Length bounds are folded into the patterns where a
 * regex can carry them, so the generated JSON Schema enforces them as well.
 */
export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,127}$/;
/** Source, context and executor names. */
export const SAFE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** `namespace.name`; the 128-char cap is a separate `maxLength`. */
export const CAPABILITY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;
export const CAPABILITY_NAME_MAX_LENGTH = 128;
export const ROLE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const DURATION_PATTERN = /^[1-9][0-9]{0,5}[smhd]$/;
export const CLAIM_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:/-]{0,127}$/;

export function isEnvName(value: unknown): value is string {
  return typeof value === 'string' && ENV_NAME_PATTERN.test(value);
}
