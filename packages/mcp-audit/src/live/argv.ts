import { AuditUsageError } from '../errors.js';

/**
 * POSIX-shell-like word splitting for `--stdio "<cmd>"`: whitespace separates words, single
 * quotes are literal, double quotes allow `\"` `\\` `\$` `` \` `` escapes, a backslash outside
 * quotes escapes the next character. No expansion of any kind: the result is spawned without a shell.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) current += line[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new AuditUsageError('--stdio command ends with a lone backslash');
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new AuditUsageError(`--stdio command has an unterminated ${quote} quote`);
  if (inWord) words.push(current);
  if (words.length === 0) throw new AuditUsageError('--stdio command is empty');
  return words;
}
