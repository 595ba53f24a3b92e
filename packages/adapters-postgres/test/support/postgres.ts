import pg from 'pg';

/** Integration tests talk to a real server; CI must have one, laptops may skip loudly. */
export const TEST_URL = process.env.SYNAPSOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(suite: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    const help = 'start it with `bash .ci/ensure-databases` or set SYNAPSOR_TEST_POSTGRES_URL';
    if (process.env.CI === 'true') throw new Error(`${suite}: PostgreSQL is not reachable; ${help}`);
    console.warn(`\n!!!!! SKIPPED ${suite}: PostgreSQL is not reachable; ${help} !!!!!\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The test URL with another login role (trust auth on the test server). */
export function urlForRole(role: string): string {
  const url = new URL(TEST_URL);
  url.username = role;
  url.password = '';
  return url.toString();
}

/** Polls until `condition` holds (e.g. sessions visibly waiting on a lock); no timing asserted. */
export async function waitFor(condition: () => Promise<boolean>, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}
