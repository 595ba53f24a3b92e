/**
 * Group commit. Writes issued in the same event-loop turn (e.g. the reads of eight concurrent
 * sessions whose database answers arrived together) share one `BEGIN IMMEDIATE … COMMIT`, each
 * inside its own savepoint: every call stays all-or-nothing and isolated from its neighbours
 * (ledger.md "one call, one transaction" is about atomicity), while the batch pays for one commit
 * and writes each touched B-tree page to the WAL once. A promise settles only after the commit,
 * so no caller answers before its records are in the WAL.
 */
export interface GroupCommitOptions {
  /** Runs `body` in one write transaction; throws (converted) when it cannot begin or commit. */
  transaction(body: () => void): void;
  /** Runs `fn` in a savepoint of the open transaction; a throw rolls back only `fn`'s writes. */
  savepoint<T>(fn: () => T): T;
  /** Converts anything an operation threw into the store's safe error. */
  toError(error: unknown): unknown;
}

export interface GroupCommit {
  /** Queues `fn` for the next commit and settles with its own result or error. */
  enqueue<T>(fn: () => T): Promise<T>;
  /** Commits what is queued now (before a read, close or reset, so ordering stays as issued). */
  flush(): void;
}

interface Pending {
  fn: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  let queue: Pending[] = [];
  let scheduled = false;

  const runOne = (pending: Pending, alone: boolean): Outcome => {
    try {
      return { ok: true, value: alone ? pending.fn() : options.savepoint(pending.fn) };
    } catch (error) {
      // Alone, the whole transaction is this call's: let it roll back as before.
      if (alone) throw error;
      return { ok: false, error: options.toError(error) };
    }
  };

  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const outcomes: Outcome[] = [];
    try {
      options.transaction(() => {
        for (const pending of batch) outcomes.push(runOne(pending, batch.length === 1));
      });
    } catch (error) {
      // Nothing of the batch was committed (begin, commit or the single call failed).
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  };

  return {
    enqueue: <T>(fn: () => T) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
    flush,
  };
}
