/** One live MCP session: what the registry needs to route to it and to close it. */
export interface SessionEntry<T> {
  readonly value: T;
  readonly callerKey: string;
  lastSeenMs: number;
}

export interface SessionRegistryOptions<T> {
  ttlMs: number;
  maxSessions: number;
  nowMs: () => number;
  /** Closes a session the registry dropped (expired or evicted); must not throw. */
  closeValue: (value: T) => Promise<void>;
}

export const SESSION_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Sessions keyed by id, in least-recently-used order (a Map keeps insertion order; a touch
 * re-inserts). A lookup succeeds only for the caller key that created the session and only
 * within the idle TTL; anything else looks exactly like an unknown id.
 */
export class SessionRegistry<T> {
  private readonly sessions = new Map<string, SessionEntry<T>>();

  constructor(private readonly options: SessionRegistryOptions<T>) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Admits a session, closing the least recently used ones first when at the cap. */
  add(id: string, callerKey: string, value: T): void {
    while (this.sessions.size >= this.options.maxSessions) {
      const oldest = this.sessions.keys().next().value as string;
      this.drop(oldest);
    }
    this.sessions.set(id, { value, callerKey, lastSeenMs: this.options.nowMs() });
  }

  get(id: string, callerKey: string): T | undefined {
    const entry = this.sessions.get(id);
    if (entry === undefined || entry.callerKey !== callerKey) return undefined;
    const now = this.options.nowMs();
    if (now - entry.lastSeenMs > this.options.ttlMs) {
      this.drop(id);
      return undefined;
    }
    entry.lastSeenMs = now;
    this.sessions.delete(id);
    this.sessions.set(id, entry);
    return entry.value;
  }

  /** Forgets a session that closed by itself (DELETE, transport close). */
  forget(id: string): void {
    this.sessions.delete(id);
  }

  /** Closes every session idle for longer than the TTL. */
  sweep(): void {
    const now = this.options.nowMs();
    for (const [id, entry] of this.sessions) {
      if (now - entry.lastSeenMs > this.options.ttlMs) this.drop(id);
    }
  }

  async closeAll(): Promise<void> {
    const values = [...this.sessions.values()].map((entry) => entry.value);
    this.sessions.clear();
    await Promise.all(values.map((value) => this.options.closeValue(value)));
  }

  private drop(id: string): void {
    const entry = this.sessions.get(id);
    if (entry === undefined) return;
    this.sessions.delete(id);
    void this.options.closeValue(entry.value);
  }
}
