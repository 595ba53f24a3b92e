/**
 * Worker-thread entry of the threaded store (a separate build entry: `dist/ledger-worker.js`).
 * Owns the only connection: opens the ordinary in-thread store and runs each request on it in
 * arrival order, so the requests of one message (one main-thread turn) — and any that queued up
 * while the worker was busy — share one group commit, as concurrent calls do in one thread.
 * Replies carry plain records or a safe `{code, message, details}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LedgerStore } from '@synapsor/core';
import { createProposalLocally, type RemoteProposalInput } from './remote-proposal.js';
import { openSqliteStore } from './store.js';
import {
  OPEN_ID,
  storeUnavailable,
  toWireError,
  turnBatcher,
  type WorkerOpenData,
  type WorkerReply,
  type WorkerRequest,
} from './thread-protocol.js';

type Method = (...args: unknown[]) => Promise<unknown>;

function start(port: NonNullable<typeof parentPort>, data: WorkerOpenData): void {
  const send = turnBatcher<WorkerReply>((replies) => {
    try {
      port.postMessage(replies);
    } catch {
      // A value that cannot be cloned: every caller still gets an answer.
      for (const reply of replies) {
        try {
          port.postMessage([reply]);
        } catch {
          port.postMessage([{ id: reply.id, ok: false, error: toWireError(storeUnavailable()) } satisfies WorkerReply]);
        }
      }
    }
  }, 'microtask');
  const answer = (id: number, run: () => Promise<unknown>) => {
    let result: Promise<unknown>;
    try {
      result = run();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => send({ id, ok: true, value }),
      (error: unknown) => send({ id, ok: false, error: toWireError(error) }),
    );
  };
  const call = (store: LedgerStore, { method, args }: WorkerRequest): Promise<unknown> => {
    if (method === 'createProposal') return createProposalLocally(store, args[0] as RemoteProposalInput);
    const fn = Object.hasOwn(store, method) ? (store as unknown as Record<string, unknown>)[method] : undefined;
    if (typeof fn !== 'function') throw storeUnavailable();
    return (fn as Method)(...args);
  };

  const fixed = data.fixedNow;
  const opening = openSqliteStore({
    path: data.path,
    ...(data.busyTimeoutMs !== undefined ? { busyTimeoutMs: data.busyTimeoutMs } : {}),
    ...(fixed !== undefined ? { clock: { now: () => new Date(fixed) } } : {}),
  });
  answer(OPEN_ID, async () => {
    const store = await opening;
    port.on('message', (requests: WorkerRequest[]) => {
      for (const request of requests) answer(request.id, () => call(store, request));
    });
    return null;
  });
}

if (parentPort) start(parentPort, workerData as WorkerOpenData);
