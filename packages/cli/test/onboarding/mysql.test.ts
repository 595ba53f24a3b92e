import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli.js';
import { MYSQL_URL, mysqlConnect, reachable, suffix, withUrl } from './databases.js';

const available = await reachable('MariaDB/MySQL', async () => (await mysqlConnect()).end());
const database = `ob_${suffix()}`;
const PASSWORD = 'Wr0ng-never-print-me';
let work: ReturnType<typeof tempDir>;

beforeAll(async () => {
  if (!available) return;
  const connection = await mysqlConnect();
  await connection.query(`CREATE DATABASE ${database};
    CREATE TABLE ${database}.orders (id varchar(32) PRIMARY KEY, tenant_id varchar(32) NOT NULL, customer_id varchar(32) NOT NULL,
      status varchar(32) NOT NULL, refund_cents int NOT NULL DEFAULT 0, refund_reason text, api_token varchar(64),
      updated_at timestamp(6) NOT NULL DEFAULT current_timestamp(6));
    INSERT INTO ${database}.orders (id, tenant_id, customer_id, status, updated_at) VALUES
      ('O-1001', 'acme', 'cust_acme_1', 'paid', '2026-06-20 14:31:08.000000'), ('O-9001', 'globex', 'cust_globex_1', 'paid', '2026-06-20 14:31:08.000000');`);
  await connection.end();
});
afterAll(async () => {
  if (!available) return;
  const connection = await mysqlConnect();
  await connection.query(`DROP DATABASE ${database}`);
  await connection.end();
});
beforeEach(() => (work = tempDir()));
afterEach(() => work.remove());

const URL_ = withUrl(MYSQL_URL, { database });
const cli = (args: string[], extra: Record<string, string | undefined> = {}) =>
  runCli(args, { cwd: work.dir, env: { DATABASE_URL: URL_, SYNAPSOR_TENANT_ID: 'acme', SYNAPSOR_PRINCIPAL: 'ops.agent', ...extra } });
const INIT = ['init', '--from-env', 'DATABASE_URL', '--table', 'orders', '--mode', 'review', '--namespace', 'orders', '--proposal-tool', 'orders.propose_refund_review', '--write-url-env', 'DATABASE_WRITE_URL',
  '--patch', 'status=arg:next_status', '--patch', 'refund_cents=arg:refund_cents', '--patch', 'refund_reason=arg:reason', '--patch-bounds', 'refund_cents=0:100000',
  '--transition-guard', 'status=paid:refund_requested', '--transition-guard', 'status=paid:needs_review', '--sample-id', 'O-1001'];

describe.runIf(available)('onboarding on real MariaDB/MySQL', () => {
  it('init from flags → validate → smoke call; tenant isolation holds', () => {
    const init = cli(INIT);
    expect(init.code).toBe(0);
    expect(cli(['config', 'validate']).code).toBe(0);
    const smokeRun = cli(['smoke', 'call', 'orders.inspect_order', '--sample', '--json']);
    const smoke = JSON.parse(smokeRun.stdout);
    expect(smoke, smokeRun.all).toHaveProperty('envelope');
    expect(smoke.envelope.ok).toBe(true);
    expect(smoke.envelope.data).toMatchObject({ id: 'O-1001', status: 'paid' });
    expect(smoke.envelope.data).not.toHaveProperty('api_token');
    const propose = JSON.parse(cli(['propose', 'orders.propose_refund_review', '--input-json', '{"order_id":"O-1001","next_status":"refund_requested","refund_cents":2500,"reason":"damaged"}', '--json']).stdout);
    expect(propose.envelope.ok).toBe(true);
    const other = JSON.parse(cli(['smoke', 'call', 'orders.inspect_order', '--input-json', '{"order_id":"O-9001"}', '--json']).stdout);
    expect(other.envelope.error.code).toBe('NOT_FOUND_IN_TENANT');
  });

  it('refuses a sensitive column (exit 2, nothing written)', () => {
    const run = cli([...INIT, '--visible-columns', 'id,tenant_id,status,api_token,refund_cents,refund_reason']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('api_token looks sensitive');
    expect(readdirSync(work.dir)).toEqual([]);
  });

  it('doctor reports a wrong password as authentication failed without printing it', () => {
    expect(cli(INIT).code).toBe(0);
    const run = cli(['doctor', '--json'], { DATABASE_URL: withUrl(URL_, { password: PASSWORD }) });
    expect(run.code).toBe(1);
    expect(run.all).not.toContain(PASSWORD);
    const checks = JSON.parse(run.stdout).checks;
    expect(checks.find((c: { id: string }) => c.id === 'reader_connection')).toMatchObject({ status: 'fail', message: expect.stringContaining('authentication failed') });
    expect(checks.find((c: { id: string }) => c.id === 'write_url_env')).toMatchObject({ status: 'fail', message: expect.stringContaining('DATABASE_WRITE_URL') });
  });
});
