import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, tempDir } from './cli.js';
import { PG_URL, pgProbe, pgScratch, reachable, type PgScratch } from './databases.js';

const DOC = new URL('../../../../docs/getting-started-own-database.md', import.meta.url);

/** Every `synapsor-runner …` command in the doc's ```bash blocks (backslash continuations joined). */
function docCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n')).map((line) => line.trim()).filter((line) => line.startsWith('synapsor-runner '));
}

const available = await reachable('PostgreSQL', pgProbe);
let db: PgScratch;
let work: ReturnType<typeof tempDir>;

beforeAll(async () => {
  if (!available) return;
  db = await pgScratch();
  work = tempDir();
  // `synapsor-runner` on PATH → the built binary, exactly as a user would type it.
  mkdirSync(join(work.dir, 'bin'));
  writeFileSync(join(work.dir, 'bin', 'synapsor-runner'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(work.dir, 'bin', 'synapsor-runner'), 0o755);
  mkdirSync(join(work.dir, 'app'));
});
afterAll(async () => {
  if (!available) return;
  await db.drop();
  work.remove();
});

describe.runIf(available)('docs/getting-started-own-database.md', () => {
  const commands = docCommands(readFileSync(DOC, 'utf8'));

  it('has the walkthrough commands', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it('runs every fenced synapsor-runner command in order, each exiting 0 without leaking the URL', () => {
    const env = cleanEnv({
      PATH: `${join(work.dir, 'bin')}:${process.env.PATH}`,
      DATABASE_URL: PG_URL,
      SYNAPSOR_DATABASE_WRITE_URL: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=writer`,
      SYNAPSOR_TENANT_ID: 'acme',
      SYNAPSOR_PRINCIPAL: 'support.agent',
      APP_SCHEMA: db.schema,
    });
    for (const command of commands) {
      const run = spawnSync('bash', ['-c', command], { cwd: join(work.dir, 'app'), env, encoding: 'utf8', timeout: 60_000 });
      expect({ command, code: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(`${run.stdout}${run.stderr}`).not.toContain(PG_URL);
    }
  });
});
