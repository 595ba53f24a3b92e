import type { IncomingMessage } from 'node:http';

const CLIENT_GONE = 'Client connection closed before the response finished';

/**
 * The Web `Request` the SDK transport sees for one Node request. The transport (1.32.2) reads
 * only `method`, `url` and `headers` (plus `body` when no `parsedBody` is given), so those are
 * plain fields here and no undici `Request` is built per call: its constructor (URL parse,
 * header validation, an internal AbortController) costs several µs, which measured as much as
 * the bridge saves elsewhere. `@hono/node-server`, which the SDK's Node wrapper uses, does the
 * same.
 *
 * - `body` is always `null`: fastify already read and parsed it; the transport gets it as
 *   `parsedBody`. When that is `undefined` the transport reads this empty body, as before.
 * - `signal` is created on first read and aborts when the client leaves early.
 * - Any other `Request` member is served by a real `Request` built on first use, so code that
 *   needs more than the fast fields still gets a faithful object (see `delegate` below).
 */
export class NodeBackedRequest {
  readonly method: string;
  readonly url: string;
  readonly body = null;
  readonly bodyUsed = false;
  #raw: IncomingMessage;
  #headers: Headers | undefined;
  #controller: AbortController | undefined;
  #clientGone = false;
  #native: Request | undefined;

  constructor(raw: IncomingMessage) {
    this.#raw = raw;
    this.method = raw.method ?? 'GET';
    this.url = absoluteUrl(raw);
  }

  get headers(): Headers {
    return (this.#headers ??= toHeaders(this.#raw));
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#clientGone) this.#controller.abort(new Error(CLIENT_GONE));
    }
    return this.#controller.signal;
  }

  /** The client closed the connection before the response finished. */
  clientGone(): void {
    if (this.#clientGone) return;
    this.#clientGone = true;
    this.#controller?.abort(new Error(CLIENT_GONE));
  }

  /** A real `Request` with the same method, URL, headers and signal (and no body). */
  native(): Request {
    return (this.#native ??= new Request(this.url, { method: this.method, headers: this.headers, signal: this.signal }));
  }

  /** The type the SDK's `handleRequest` expects; the object is a `Request` by prototype. */
  asRequest(): Request {
    return this as unknown as Request;
  }
}

/**
 * The origin is always the Host header, which the Host guard validated. An absolute-form target
 * (`POST http://host/mcp`, as sent to proxies; fastify routes it too) keeps its path and query.
 */
function absoluteUrl(raw: IncomingMessage): string {
  const target = raw.url ?? '/';
  if (target.startsWith('/')) return `http://${raw.headers.host}${target}`;
  let path = '/';
  try {
    const parsed = new URL(target);
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL at all: fastify would not have routed it here; keep the root path.
  }
  return `http://${raw.headers.host}${path}`;
}

/** Node's parsed headers; a repeated header arrives joined (`, `), as HTTP allows. */
function toHeaders(raw: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name in raw.headers) {
    const value = raw.headers[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value !== undefined) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/**
 * `instanceof Request` holds, and every `Request` member not defined above (cache, mode,
 * clone(), text(), …) delegates to `native()` instead of hitting undici's brand check.
 */
function delegate(): void {
  // Prototype members plus the instance fields (method, url, body, bodyUsed) are our own.
  const own = new Set([...Object.getOwnPropertyNames(NodeBackedRequest.prototype), 'method', 'url', 'body', 'bodyUsed']);
  for (const name of Object.getOwnPropertyNames(Request.prototype)) {
    if (own.has(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
    if (descriptor.get) {
      Object.defineProperty(NodeBackedRequest.prototype, name, {
        get(this: NodeBackedRequest) {
          return (this.native() as unknown as Record<string, unknown>)[name];
        },
      });
    } else if (typeof descriptor.value === 'function') {
      Object.defineProperty(NodeBackedRequest.prototype, name, {
        value(this: NodeBackedRequest, ...args: unknown[]) {
          const target = this.native() as unknown as Record<string, (...a: unknown[]) => unknown>;
          return target[name]!(...args);
        },
      });
    }
  }
  Object.setPrototypeOf(NodeBackedRequest.prototype, Request.prototype);
}
delegate();
