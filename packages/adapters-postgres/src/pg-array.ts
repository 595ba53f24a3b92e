/**
 * Parser for PostgreSQL's text form of arrays (`{1,2,NULL,"a \"b\""}`, nested `{{1},{2}}`).
 * Elements stay text (or null); the caller normalises them by element type.
 */
export type PgArray = Array<string | null | PgArray>;

export function parsePgArray(text: string): PgArray {
  let position = 0;
  // Optional dimension decoration: `[1:2]={…}`.
  if (text.startsWith('[')) position = text.indexOf('=') + 1;

  function parseLevel(): PgArray {
    if (text[position] !== '{') throw new SyntaxError('array literal must start with {');
    position += 1;
    const items: PgArray = [];
    if (text[position] === '}') {
      position += 1;
      return items;
    }
    for (;;) {
      const char = text[position];
      if (char === '{') items.push(parseLevel());
      else if (char === '"') items.push(parseQuoted());
      else items.push(parseBare());
      const next = text[position];
      position += 1;
      if (next === '}') return items;
      if (next !== ',') throw new SyntaxError('bad array separator');
    }
  }

  function parseQuoted(): string {
    position += 1;
    let out = '';
    while (position < text.length) {
      const char = text[position] as string;
      if (char === '\\') {
        out += text[position + 1] ?? '';
        position += 2;
      } else if (char === '"') {
        position += 1;
        return out;
      } else {
        out += char;
        position += 1;
      }
    }
    throw new SyntaxError('unterminated quoted array element');
  }

  function parseBare(): string | null {
    const start = position;
    while (position < text.length && text[position] !== ',' && text[position] !== '}') position += 1;
    const raw = text.slice(start, position).trim();
    return raw === 'NULL' ? null : raw;
  }

  const result = parseLevel();
  if (position !== text.length) throw new SyntaxError('trailing characters after array');
  return result;
}
