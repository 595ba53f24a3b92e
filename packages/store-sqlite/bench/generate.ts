import Database from 'better-sqlite3';
import { LedgerFixtures } from '@synapsor/core/testing';

/**
 * Fills a migrated store with `rows` evidence bundles (+ one item each and a query audit) by
 * direct batched inserts in one transaction — fast, and realistic in row size and index load.
 * Hashes are copied from one template, so `verify` on this store is not meaningful.
 */
export function generateEvidence(path: string, rows: number): void {
  const fx = new LedgerFixtures();
  const template = fx.read();
  const bundle = template.evidence!;
  const { items, ...payload } = bundle;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertBundle = db.prepare(`INSERT INTO evidence_bundles (evidence_bundle_id, kind, proposal_id, capability, tenant_id,
    principal, provenance, source_id, source_table, target, object_type, object_id, query_fingerprint, query_audit_id,
    payload_json, content_hash, created_at) VALUES (?, 'read', NULL, ?, ?, ?, 'environment', 'app', 'invoices',
    'public.invoices', 'invoices', ?, ?, ?, ?, ?, ?)`);
  const insertItem = db.prepare("INSERT INTO evidence_items VALUES (?, 0, 'external_row', ?)");
  const itemJson = JSON.stringify(items[0]);
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const id = `ev_${i.toString(16).padStart(24, '0')}`;
      const tenant = `tenant_${i % 50}`;
      const capability = i % 3 === 0 ? 'crm.inspect_customer' : 'billing.inspect_invoice';
      const objectId = `INV-${i}`;
      const createdAt = new Date(base + i * 1000).toISOString();
      const json = JSON.stringify({ ...payload, evidence_bundle_id: id, tenant_id: tenant, capability, object_id: objectId, created_at: createdAt });
      insertBundle.run(id, capability, tenant, `agent_${i % 7}`, objectId, bundle.query_fingerprint, `qa_${i}`, json, bundle.content_hash, createdAt);
      insertItem.run(id, itemJson);
    }
  });
  const step = 50_000;
  for (let from = 0; from < rows; from += step) batch(from, Math.min(rows, from + step));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
