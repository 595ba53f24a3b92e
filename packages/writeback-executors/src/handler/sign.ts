import { createHash, timingSafeEqual } from 'node:crypto';
import { hmacSignature } from '@synapsor/core';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, keyed by the UTF-8 bytes of the secret. */
export function signHandlerRequest(rawBody: string | Uint8Array, secret: string): string {
  return hmacSignature(rawBody, secret);
}

/** Constant-time string comparison; hashing first makes unequal lengths take the same time. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
