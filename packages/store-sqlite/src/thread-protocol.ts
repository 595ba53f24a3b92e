/**
 * What crosses between the threaded store's proxy (main thread) and its worker: requests
 * `{id, method, args}`, replies `{id, ok, value | error}` (id 0 answers the open), all
 * structured-cloned. Each side posts what one event-loop turn produced as one array message:
 * the requests of a turn then reach the worker together and share one group commit, exactly as
 * they would in one thread, and each side wakes once per batch instead of once per call.
 * Errors cross as `{code, message, details}`: by the time the worker sends
 * one, the store has already reduced it to a safe `SynapsorError` (`guarded`/`toStoreError`), so
 * the main side only rebuilds it; anything else becomes `LOCAL_STORE_UNAVAILABLE`.
 */
import { SynapsorError, isSafeCode, isSynapsorError } from '@synapsor/core';

export interface WorkerRequest {
  id: number;
  method: string;
  args: unknown[];
}

export interface WireError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** `workerData` of the worker: only plain values (a `Clock` function cannot be cloned). */
export interface WorkerOpenData {
  path: string;
  busyTimeoutMs?: number;
  /** ISO instant the worker's clock always returns (tests); default the system clock. */
  fixedNow?: string;
}

/** The reply id of the open handshake; calls count from 1. */
export const OPEN_ID = 0;

/**
 * Collects what one event-loop turn sends and posts it as one array on `setImmediate` — the same
 * point in the loop where the in-thread store flushes its group commit. `soon: 'microtask'`
 * posts once the current callback's microtasks have run instead (the worker's replies: they all
 * settle inside one group-commit flush, and waiting a loop iteration would only add latency).
 */
export function turnBatcher<T>(post: (batch: T[]) => void, soon: 'immediate' | 'microtask' = 'immediate'): (item: T) => void {
  let batch: T[] = [];
  const flush = () => {
    const sending = batch;
    batch = [];
    post(sending);
  };
  return (item) => {
    if (batch.length === 0) {
      if (soon === 'immediate') setImmediate(flush);
      else queueMicrotask(flush);
    }
    batch.push(item);
  };
}

export function storeUnavailable(message = 'The local store is unavailable'): SynapsorError {
  return new SynapsorError('LOCAL_STORE_UNAVAILABLE', message);
}

export function toWireError(error: unknown): WireError {
  if (!isSynapsorError(error)) {
    const { code, message } = storeUnavailable();
    return { code, message };
  }
  return error.details === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, details: error.details };
}

export function fromWireError(wire: unknown): SynapsorError {
  const { code, message, details } = (wire ?? {}) as Partial<WireError>;
  if (!isSafeCode(code) || typeof message !== 'string') return storeUnavailable();
  const plain = details !== null && typeof details === 'object' ? details : undefined;
  return new SynapsorError(code, message, plain);
}
