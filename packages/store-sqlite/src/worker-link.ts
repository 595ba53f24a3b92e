/**
 * The main thread's end of the ledger worker: numbered requests on the worker's one port (FIFO,
 * so the worker sees calls in issue order), replies matched by id. Fail closed: once the worker
 * errors or exits, every pending call and every later one rejects `LOCAL_STORE_UNAVAILABLE`;
 * nothing waits forever. The worker is referenced only while a call (or the open) is pending, so
 * an idle store never keeps the process alive — and a process awaiting a ledger write does not
 * exit under it.
 */
import { Worker } from 'node:worker_threads';
import type { SynapsorError } from '@synapsor/core';
import {
  OPEN_ID,
  fromWireError,
  storeUnavailable,
  toWireError,
  turnBatcher,
  type WorkerOpenData,
  type WorkerReply,
  type WorkerRequest,
} from './thread-protocol.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class WorkerLink {
  private readonly pending = new Map<number, Pending>();
  private nextId = OPEN_ID + 1;
  /** Set once the link is unusable (closed or dead); every call then rejects with it. */
  private refusal: SynapsorError | null = null;
  /** The worker is gone: nothing more is posted (its pending calls were rejected). */
  private dead = false;
  /** The worker answered the open (either way). */
  private started = false;

  private readonly send = turnBatcher<WorkerRequest>((batch) => this.post(batch));

  private constructor(private readonly worker: Worker) {
    worker.on('message', (replies: WorkerReply[]) => {
      for (const reply of replies) this.settle(reply);
    });
    // A worker crash, a failed start (missing script) or a reply that cannot be cloned.
    const died = () => this.fail(storeUnavailable(this.started ? undefined : 'The local store worker could not start'));
    worker.on('error', died);
    worker.on('messageerror', died);
    worker.on('exit', died);
  }

  /** Starts the worker and waits until it has opened the store (or refused to). */
  static async open(script: URL | string, data: WorkerOpenData): Promise<WorkerLink> {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data });
    } catch {
      throw storeUnavailable();
    }
    const link = new WorkerLink(worker);
    const opened = new Promise((resolve, reject) => link.pending.set(OPEN_ID, { resolve, reject }));
    try {
      await opened;
    } catch (error) {
      link.refusal = storeUnavailable('The local store is closed');
      await worker.terminate().catch(() => undefined);
      throw error;
    }
    link.idle();
    return link;
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    if (this.refusal) return Promise.reject(this.refusal);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.send({ id, method, args });
    });
  }

  /** Refuses calls from now on (`close`, `reset`): they answer like a closed in-thread store. */
  refuse(): void {
    this.refusal ??= storeUnavailable('The local store is closed');
  }

  /** Stops the worker once its last reply is in (after `close`), or at once. */
  async terminate(): Promise<void> {
    this.refuse();
    this.dead = true;
    await this.worker.terminate().catch(() => undefined);
  }

  private post(batch: WorkerRequest[]): void {
    if (this.dead) return;
    try {
      this.worker.postMessage(batch);
    } catch {
      // An argument that cannot be cloned (never a port input): refuse that call only.
      for (const request of batch) {
        try {
          this.worker.postMessage([request]);
        } catch {
          this.settle({ id: request.id, ok: false, error: toWireError(storeUnavailable()) });
        }
      }
    }
  }

  private settle(reply: WorkerReply): void {
    this.started = true;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    this.idle();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error));
  }

  private fail(error: SynapsorError): void {
    this.dead = true;
    this.refusal ??= error;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(error);
  }

  private idle(): void {
    if (this.pending.size === 0) this.worker.unref();
  }
}
