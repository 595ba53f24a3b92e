import type { LedgerStore, RunnerConfig } from '@synapsor/core';
import type { DemoClient } from './mcp-client.js';
import type { EmbeddedPostgres } from './embedded-postgres.js';
import type { DemoOutput } from './output.js';

/** Everything the steps share; results accumulate in `summary`, mismatches in `failures`. */
export interface DemoState {
  pg: EmbeddedPostgres;
  client: DemoClient;
  store: LedgerStore;
  config: RunnerConfig;
  env: Record<string, string>;
  out: DemoOutput;
  summary: {
    applied: number;
    already_applied: number;
    conflict: number;
    cross_tenant_refused: boolean;
    proposal_id: string | null;
    conflict_proposal_id: string | null;
    evidence_id: string | null;
  };
  failures: string[];
}

/** Records a step result that differs from the expected one (the demo then exits 1). */
export function expect(state: DemoState, condition: boolean, message: string): boolean {
  if (!condition) {
    state.failures.push(message);
    state.out.line(`UNEXPECTED: ${message}`);
  }
  return condition;
}

export async function sourceRow(state: DemoState, table: 'invoices' | 'support_tickets', id: string): Promise<Record<string, unknown> | undefined> {
  // version_text keeps microseconds (a JS Date would drop them). Identifiers are fixed literals of the reference schema; the id is bound.
  const rows = await state.pg.query<Record<string, unknown>>(`SELECT *, updated_at::text AS version_text FROM ${table} WHERE id = $1`, [id]);
  return rows[0];
}
