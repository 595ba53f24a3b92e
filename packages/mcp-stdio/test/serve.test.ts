// serveStdio in-process over PassThrough streams: shutdown order and failure handling.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveStdio } from '../src/index.js';
import { createStubRuntime, READ_TOOL } from '../../core/test/mcp/support/stub-runtime.js';

function streams() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdin, stdout, stderr, out: () => out, err: () => err };
}

function logger() {
  const lines: Array<Record<string, unknown>> = [];
  const write = (obj: object) => lines.push(obj as Record<string, unknown>);
  return { lines, info: write, warn: write, error: write, debug: write };
}

describe('serveStdio (in process)', () => {
  it('answers frames, logs calls, and on stdin end closes the runtime before onClose', async () => {
    const io = streams();
    const log = logger();
    const runtime = createStubRuntime();
    const order: string[] = [];
    const close = runtime.close.bind(runtime);
    runtime.close = async () => {
      order.push('runtime');
      await close();
    };
    const handle = await serveStdio(runtime, {
      version: '1.0.0',
      logger: log,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      handleSignals: false,
      storePath: './.synapsor/local.db',
      onClose: () => void order.push('onClose'),
    });
    expect(io.err()).toContain('transport: stdio');
    expect(io.err()).toContain('store: ./.synapsor/local.db');
    expect(runtime.counts.expireDue).toBe(1);

    io.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: READ_TOOL, arguments: { invoice_id: 'inv_hidden' } } })}\n`);
    await expect.poll(() => io.out()).toContain('"id":1');
    expect(log.lines.filter((line) => line.event === 'tool_call')).toHaveLength(1);
    expect(JSON.stringify(log.lines)).not.toContain('inv_hidden');

    io.stdin.end();
    await handle.closed;
    expect(order).toEqual(['runtime', 'onClose']);
    expect(log.lines.at(-1)).toMatchObject({ event: 'stdio_closed', reason: 'stdin_closed' });
    // The call logger is detached: later runtime calls log nothing.
    await runtime.callTool(READ_TOOL, {});
    expect(log.lines.filter((line) => line.event === 'tool_call')).toHaveLength(1);
  });

  it('still runs onClose and resolves when runtime.close fails, and close() is idempotent', async () => {
    const io = streams();
    const log = logger();
    const runtime = createStubRuntime();
    runtime.close = async () => {
      throw new Error('pool error postgres://u:p@h/db');
    };
    let onCloseCalls = 0;
    const handle = await serveStdio(runtime, {
      version: '1',
      logger: log,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      handleSignals: false,
      printStartup: false,
      onClose: () => {
        onCloseCalls += 1;
        throw new Error('lease gone');
      },
    });
    expect(io.err()).toBe('');
    await Promise.all([handle.close(), handle.close()]);
    await handle.closed;
    expect(onCloseCalls).toBe(1);
    expect(log.lines).toEqual(
      expect.arrayContaining([
        { event: 'runtime_close_failed', error: 'Error' },
        { event: 'on_close_failed', error: 'Error' },
      ]),
    );
    expect(JSON.stringify(log.lines)).not.toContain('postgres://');
  });
});
