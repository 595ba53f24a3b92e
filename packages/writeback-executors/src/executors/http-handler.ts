import { hmacSignature } from '@synapsor/core';
import type { ExecutorContext, WritebackExecutor, WritebackJob } from '@synapsor/core';
import { buildHandlerRequest, serializeHandlerRequest } from './handler-request.js';
import { httpErrorCode, parseHandlerReceipt } from './handler-receipt.js';
import { failedOutcome, receiptingExecutor, type AttemptOutcome } from './receipt.js';
import { secretValues } from './redact.js';
import {
  DEFAULT_HANDLER_TIMEOUT_MS,
  MAX_RESPONSE_BYTES,
  RUNNER_VERSION,
  type EnvMap,
  type HttpHandlerSettings,
} from './settings.js';

class TimeoutSignal extends Error {}

/** Reads at most `limit` bytes; the rest is discarded (an oversized body then fails to parse). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** `http_handler`: one signed request to the app's handler, no redirects, no retries. */
export function createHttpHandlerExecutor(
  settings: HttpHandlerSettings & { name: string },
  env: EnvMap,
): WritebackExecutor {
  const timeoutMs = settings.timeout_ms ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const secrets = () => secretValues(env, [settings.url_env, settings.auth?.token_env, settings.signing_secret_env]);

  async function send(job: WritebackJob, context: ExecutorContext): Promise<AttemptOutcome> {
    const url = env[settings.url_env];
    if (!url) return failedOutcome('HANDLER_URL_MISSING');
    const request = buildHandlerRequest(job, context);
    const body = serializeHandlerRequest(request);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': `synapsor-runner/${RUNNER_VERSION}`,
      'Idempotency-Key': job.idempotency_key,
      'X-Synapsor-Proposal-Id': job.proposal_id,
      'X-Synapsor-Issued-At': request.issued_at,
    };
    if (settings.auth) {
      const token = env[settings.auth.token_env];
      if (!token) return failedOutcome('HANDLER_TOKEN_MISSING');
      headers.Authorization = `Bearer ${token}`;
    }
    if (settings.signing_secret_env) {
      const secret = env[settings.signing_secret_env];
      if (!secret) return failedOutcome('HANDLER_SIGNING_SECRET_MISSING');
      headers['X-Synapsor-Signature'] = hmacSignature(body, secret);
    }
    // One deadline from connect to the last byte of the response.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
    try {
      const response = await fetch(url, {
        method: settings.method ?? 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await readCapped(response, MAX_RESPONSE_BYTES);
      if (response.status < 200 || response.status > 299) {
        return failedOutcome(httpErrorCode(response.status, text), { http_status: response.status });
      }
      return parseHandlerReceipt(text, { dryRun: context.dryRun, secrets: secrets() });
    } catch {
      return failedOutcome(controller.signal.aborted ? 'HANDLER_TIMEOUT' : 'HANDLER_REQUEST_FAILED');
    } finally {
      clearTimeout(timer);
    }
  }

  return receiptingExecutor('http_handler', settings.name, send);
}
