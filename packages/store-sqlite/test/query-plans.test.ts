import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerFilter } from '@synapsor/core';
import { openDatabase } from '../src/open.js';
import { SqliteReads } from '../src/sqlite-reads.js';
import { SqliteSearch } from '../src/search.js';
import { Statements } from '../src/statements.js';

/**
 * ledger.md: every search filter is served by an index. Each list runs once per filter on a
 * migrated (latest schema) store; the statements are captured and their `EXPLAIN QUERY PLAN`
 * must not contain a `SCAN` step (a full table or full index walk). The unfiltered lists are
 * the one exception: newest first with LIMIT, they walk the time index from its end.
 */
class PlanCapture extends Statements {
  readonly captured: { sql: string; params: unknown[] }[] = [];

  override all<T>(sql: string, ...params: unknown[]): T[] {
    this.captured.push({ sql, params });
    return [];
  }

  plan(sql: string, params: unknown[]): string[] {
    return this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => (row as { detail: string }).detail);
  }
}

const db = openDatabase(':memory:');
afterAll(() => db.close());
const s = new PlanCapture(db);
const search = new SqliteSearch(s, new SqliteReads(s));

const LISTS = {
  proposals: (f: LedgerFilter) => search.proposals(f),
  evidence: (f: LedgerFilter) => search.evidence(f),
  'evidence (activity: reads without a proposal)': (f: LedgerFilter) => search.evidence(f, true),
  query_audit: (f: LedgerFilter) => search.queryAudit(f),
  'query_audit (activity: not-found reads)': (f: LedgerFilter) => search.queryAudit(f, true),
  receipts: (f: LedgerFilter) => search.receipts(f),
  events: (f: LedgerFilter) => search.events(f),
} satisfies Record<string, (f: LedgerFilter) => unknown>;
const ACTIVITY_BASE: Record<string, keyof typeof LISTS> = {
  'evidence (activity: reads without a proposal)': 'evidence',
  'query_audit (activity: not-found reads)': 'query_audit',
};

const ID = '0123456789abcdef01234567';
const FILTERS: Record<string, LedgerFilter> = {
  tenant: { tenant: 'tenant_a' },
  principal: { principal: 'agent_1' },
  capability: { capability: 'billing.inspect_invoice' },
  source: { source: 'app' },
  from: { from: '2026-06-20T14:00:00.000Z' },
  to: { to: '2026-06-20T14:00:00.000Z' },
  'object type:id': { object_type: 'invoice', object_id: 'INV-1' },
  'object type': { object_type: 'invoice' },
  'object id': { object_id: 'INV-1' },
  'table (bare)': { table: 'invoices' },
  'table (qualified)': { table: 'public.invoices' },
  query_fingerprint: { query_fingerprint: 'sha256:00' },
  proposal: { proposal: `wrp_${ID}` },
  evidence: { evidence: `ev_${ID}` },
  receipt: { receipt: `rcpt_${ID}` },
  state: { state: 'pending_review' },
  status: { status: 'applied' },
  primary_key: { primary_key: 'INV-1' },
  writeback_job: { writeback_job: `wbj_${ID}` },
  idempotency_key: { idempotency_key: 'key' },
  kind: { kind: 'read_recorded' },
  actor: { actor: 'agent_1' },
  since_seq: { since_seq: 10 },
};

function statementOf(list: (f: LedgerFilter) => unknown, filter: LedgerFilter): { sql: string; params: unknown[] } {
  s.captured.length = 0;
  list(filter);
  expect(s.captured).toHaveLength(1);
  return s.captured[0]!;
}

describe('every list filter uses an index', () => {
  for (const [listName, list] of Object.entries(LISTS) as [keyof typeof LISTS, (f: LedgerFilter) => unknown][]) {
    describe(listName, () => {
      const unfiltered = statementOf(list, {});

      it('unfiltered: walks an index or the rowid from the newest end, no sort', () => {
        const plan = s.plan(unfiltered.sql, unfiltered.params);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
      });

      for (const [filterName, filter] of Object.entries(FILTERS)) {
        const statement = statementOf(list, filter);
        // A filter that does not apply to this list adds no condition: nothing to check.
        if (statement.sql === unfiltered.sql) continue;
        it(filterName, () => {
          const plan = s.plan(statement.sql, statement.params);
          expect(plan.filter((step) => /^SCAN /.test(step)), plan.join('\n')).toEqual([]);
          expect(plan.some((step) => /^SEARCH .*USING (COVERING )?INDEX|PRIMARY KEY/.test(step)), plan.join('\n')).toBe(true);
          // Activity's "without a proposal" condition matches most reads: the filter's own index
          // must still be the one chosen, not `proposal_id IS NULL`.
          const base = ACTIVITY_BASE[listName];
          if (base) {
            const plain = statementOf(LISTS[base], filter);
            expect(plan[0]).toBe(s.plan(plain.sql, plain.params)[0]);
          }
        });
      }
    });
  }
});
