import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './jcs.js';

/** `sha256:` + 64 lowercase hex of the UTF-8 bytes of `text`. */
export function sha256Prefixed(text: string): string {
  return `sha256:${sha256Hex(text)}`;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of the JCS form of a JSON value — the hash every record in the spec uses. */
export function hashCanonical(value: unknown): string {
  return sha256Prefixed(canonicalJson(value));
}

/** `sha256=` + HMAC-SHA256 hex, keyed by the UTF-8 bytes of the secret. */
export function hmacSignature(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
export const EMPTY_CHAIN_HASH = sha256Prefixed('');
