import { SynapsorError } from '@synapsor/core';

/**
 * Splits a command line into argv with shell-like quoting and nothing else: single quotes are
 * literal, double quotes allow backslash escapes, a backslash outside quotes escapes the next
 * character. No expansion, globbing, pipes or redirection — those characters stay literal.
 * Throws `HANDLER_COMMAND_INVALID` on an unterminated quote or trailing backslash.
 */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (ch === '\\') {
      const next = line[i + 1];
      if (next === undefined) throw new SynapsorError('HANDLER_COMMAND_INVALID', 'command ends with a backslash');
      // Inside double quotes only these are escapes (POSIX); elsewhere the backslash stays.
      if (quote === '"' && !['"', '\\', '$', '`', '\n'].includes(next)) current += ch;
      if (next !== '\n') current += next;
      inWord = true;
      i += 1;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new SynapsorError('HANDLER_COMMAND_INVALID', 'command has an unterminated quote');
  if (inWord) args.push(current);
  if (args.length === 0) throw new SynapsorError('HANDLER_COMMAND_MISSING', 'command is empty');
  return args;
}
