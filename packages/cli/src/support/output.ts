import pc from 'picocolors';
import type { CliIo } from './io.js';

export type Colors = Pick<typeof pc, 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan'>;

const plain: Colors = {
  bold: String,
  dim: String,
  green: String,
  red: String,
  yellow: String,
  cyan: String,
};

/** Colour only on a TTY stdout without NO_COLOR (cli.md conventions). */
export function colorsFor(io: CliIo): Colors {
  return io.stdoutIsTty && !io.env.NO_COLOR ? pc : plain;
}

/** `--json`: exactly one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(io: CliIo, lines: Iterable<string>): void {
  for (const line of lines) io.stdout(`${line}\n`);
}
