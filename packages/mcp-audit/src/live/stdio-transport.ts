import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { LiveServerError } from './live-error.js';

const KILL_AFTER_MS = 2000;

/**
 * SDK `Transport` over a spawned child, with the shutdown audit.md requires (close stdin,
 * SIGTERM, SIGKILL after 2 s, wait for the exit). The SDK's StdioClientTransport waits 2 s
 * before SIGTERM and forgets the pid on close, so it cannot prove that no orphan is left.
 */
export class ChildProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();
  private exited: Promise<void> = Promise.resolve();
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;

  constructor(
    private readonly argv: readonly string[],
    private readonly env: Record<string, string | undefined>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get program(): string {
    return basename(this.argv[0] ?? '');
  }

  /** How the child ended, for the early-exit error. */
  describeExit(): string {
    if (!this.hasExited) return `${this.program} closed the connection`;
    const how = this.exitSignal === null ? `code ${this.exitCode ?? 'unknown'}` : `signal ${this.exitSignal}`;
    return `${this.program} exited before tools/list completed (${how})`;
  }

  start(): Promise<void> {
    const [command, ...args] = this.argv;
    return new Promise((resolve, reject) => {
      const child = spawn(command!, args, { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
      this.child = child;
      this.exited = new Promise((done) => {
        child.once('close', (code, signal) => {
          this.hasExited = true;
          this.exitCode = code;
          this.exitSignal = signal;
          done();
          this.onclose?.();
        });
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.hasExited = true;
        reject(new LiveServerError(`could not start ${this.program}: ${error.code ?? 'spawn error'}`));
      });
      child.once('spawn', () => resolve());
      // Child stderr is drained and dropped: it may print secrets from its environment.
      child.stderr?.resume();
      child.stdin?.on('error', () => undefined);
      child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
    });
  }

  private read(chunk: Buffer): void {
    try {
      this.buffer.append(chunk);
    } catch (error) {
      this.onerror?.(error as Error);
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch {
        // A non-JSON-RPC line (stray logging on stdout) is skipped; a server that never answers times out.
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (stdin === undefined || stdin === null || this.hasExited || !stdin.writable) {
      throw new LiveServerError(this.describeExit());
    }
    stdin.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.hasExited || child.pid === undefined) return;
    child.stdin?.end();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killLater = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (!this.hasExited) child.kill('SIGKILL');
        resolve();
      }, KILL_AFTER_MS);
    });
    await Promise.race([this.exited, killLater]);
    clearTimeout(timer);
    await this.exited;
  }
}
