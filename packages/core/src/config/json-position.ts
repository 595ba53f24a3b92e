/**
 * Finds where JSON text stops being valid, so a parse error can name line and column without
 * quoting V8's message (which embeds a snippet of the file, possibly a secret). Iterative, so
 * deeply nested input cannot overflow the stack.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    while (this.i < this.text.length && WHITESPACE.has(this.text[this.i]!)) this.i++;
  }

  /** Consumes a string starting at the opening quote; false leaves `i` on the offending char. */
  string(): boolean {
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c < ' ') return false;
      if (c === '"') {
        this.i++;
        return true;
      }
      if (c !== '\\') {
        this.i++;
        continue;
      }
      this.i++;
      const escape = this.text[this.i];
      if (escape !== undefined && SIMPLE_ESCAPES.has(escape)) this.i++;
      else if (escape === 'u' && this.sticky(HEX4, this.i + 1)) this.i = HEX4.lastIndex;
      else return false;
    }
  }

  sticky(pattern: RegExp, at: number): boolean {
    pattern.lastIndex = at;
    return pattern.test(this.text);
  }

  scalar(): boolean {
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (!this.sticky(NUMBER, this.i)) return false;
      this.i = NUMBER.lastIndex;
      return true;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return true;
      }
    }
    return false;
  }
}

/** Offset of the first invalid character (text length for premature end), or -1 if valid. */
export function jsonErrorOffset(text: string): number {
  const s = new Scanner(text);
  const stack: Array<'{' | '['> = [];
  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    s.skipWhitespace();
    const c = text[s.i];
    if (state === 'value') {
      if (c === '{' || c === '[') {
        s.i++;
        s.skipWhitespace();
        const close = c === '{' ? '}' : ']';
        if (text[s.i] === close) {
          s.i++;
          state = 'after';
        } else {
          stack.push(c);
          state = c === '{' ? 'key' : 'value';
        }
      } else if (s.scalar()) state = 'after';
      else return s.i;
    } else if (state === 'key') {
      if (c !== '"' || !s.string()) return s.i;
      s.skipWhitespace();
      if (text[s.i] !== ':') return s.i;
      s.i++;
      state = 'value';
    } else {
      const top = stack.at(-1);
      if (top === undefined) return s.i < text.length ? s.i : -1;
      if (c === ',') {
        s.i++;
        state = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        s.i++;
        stack.pop();
      } else return s.i;
    }
  }
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
