/**
 * The string a `Response` was built from, so a complete body can be written with one `end()`
 * without reading it back through its byte stream (pull, encode, enqueue, ArrayBuffer transfer:
 * ~5 % of server CPU per call on Node 20). The SDK transport builds every JSON answer as
 * `new Response(JSON.stringify(…))`.
 *
 * This reads undici's internal body state, so it is guarded: the state symbol is identified
 * once by a probe Response, a body is used only while unread, and anything else (other Node
 * versions, stream or binary bodies) returns `undefined` and the caller reads the stream.
 */
interface BodyState {
  body?: { source?: unknown } | null;
}

type WithState = Record<symbol, BodyState | undefined>;

const STATE_SYMBOL = findStateSymbol();

function findStateSymbol(): symbol | undefined {
  const marker = 'synapsor-response-probe';
  const probe = new Response(marker);
  for (const symbol of Object.getOwnPropertySymbols(probe)) {
    const state = (probe as unknown as WithState)[symbol];
    if (state?.body?.source === marker) return symbol;
  }
  return undefined;
}

/** Whether the fast path is available on this Node (tests). */
export const canReadStringBody = STATE_SYMBOL !== undefined;

/** The unread body's source string, or `undefined` when the stream has to be read instead. */
export function stringBodyOf(response: Response): string | undefined {
  if (STATE_SYMBOL === undefined || response.bodyUsed) return undefined;
  const source = (response as unknown as WithState)[STATE_SYMBOL]?.body?.source;
  return typeof source === 'string' ? source : undefined;
}
