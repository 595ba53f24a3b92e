import type { CliIo } from '../support/io.js';

/**
 * Demo screens: on stdout normally, on stderr with `--json` (stdout then holds only the
 * summary document). On a TTY each step waits for Enter.
 */
export class DemoOutput {
  constructor(
    private readonly io: CliIo,
    private readonly options: { json: boolean; interactive: boolean },
  ) {}

  private write(text: string): void {
    if (this.options.json) this.io.stderr(text);
    else this.io.stdout(text);
  }

  step(index: number, title: string): void {
    this.write(`\n[${index}/9] ${title}\n`);
  }

  line(text: string): void {
    this.write(`  ${text}\n`);
  }

  /** Progress and notices always go to stderr. */
  progress(text: string): void {
    this.io.stderr(`${text}\n`);
  }

  async pause(): Promise<void> {
    if (this.options.interactive) await this.io.prompt('  (Enter to continue) ');
  }
}
