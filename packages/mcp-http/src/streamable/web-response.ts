import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { stringBodyOf } from './response-source.js';

type BodyReader = ReadableStreamDefaultReader<Uint8Array>;

const ignore = () => undefined;

/**
 * The Response headers as a `writeHead` record. `writeHead` merges it over headers already set
 * on the raw response (the CORS step), so those survive. Headers iterates Set-Cookie one value
 * at a time, hence the `getSetCookie()` fix-up.
 */
function nodeHeaders(headers: Headers): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  if (out['set-cookie'] !== undefined) out['set-cookie'] = headers.getSetCookie();
  return out;
}

const isEventStream = (contentType: OutgoingHttpHeaders[string]): boolean =>
  typeof contentType === 'string' && contentType.toLowerCase().startsWith('text/event-stream');

/** A complete body in one write, with its length (no chunked framing). */
function endWith(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string | Uint8Array): void {
  if (res.destroyed) return;
  headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  res.writeHead(status, headers);
  res.end(body);
}

/** Every chunk of a finite body, as one buffer. */
async function readAll(reader: BodyReader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Resolves once the socket can take more, or is gone (the reader is then cancelled anyway). */
function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** SSE: headers go out at once, then each event as the transport enqueues it, until it closes. */
async function pipeEvents(reader: BodyReader, res: ServerResponse): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await drained(res);
  }
  if (!res.destroyed) res.end();
}

/**
 * Writes the transport's Response to the Node response. A complete body (JSON, or the empty
 * 202 / DELETE answers) goes out in one `end()` with a Content-Length; an event stream is
 * piped. Whenever a body stream is being read, its cancel is handed to `onCancelable`, so the
 * caller can release it (and, for SSE, the transport's stream) when the client leaves.
 */
export async function writeWebResponse(
  response: Response,
  res: ServerResponse,
  onCancelable: (cancel: () => void) => void,
): Promise<void> {
  const headers = nodeHeaders(response.headers);
  const body = response.body;
  if (body === null) return endWith(res, response.status, headers, '');
  if (!isEventStream(headers['content-type'])) {
    const source = stringBodyOf(response);
    if (source !== undefined) return endWith(res, response.status, headers, source);
  }
  const reader = body.getReader();
  onCancelable(() => void reader.cancel().catch(ignore));
  if (isEventStream(headers['content-type'])) {
    res.writeHead(response.status, headers);
    res.flushHeaders();
    return pipeEvents(reader, res);
  }
  return endWith(res, response.status, headers, await readAll(reader));
}
