-- Seed for the reference app: two tenants; acme must never see globex rows.
-- All timestamps on 2026-06-20, UTC.
INSERT INTO tenants (id, name, created_at, updated_at) VALUES
  ('acme', 'Acme Robotics', '2026-06-20T09:00:00Z', '2026-06-20T09:00:00Z'),
  ('globex', 'Globex Corporation', '2026-06-20T09:00:00Z', '2026-06-20T09:00:00Z');

INSERT INTO customers (id, tenant_id, name, email, plan, plan_credit_cents, credit_reason, created_at, updated_at) VALUES
  ('cust_acme_1', 'acme', 'Acme Robotics HQ', 'ops@acme.example', 'enterprise', 0, NULL, '2026-06-20T09:05:00Z', '2026-06-20T09:05:00Z'),
  ('cust_acme_2', 'acme', 'Acme Robotics Lab', 'lab@acme.example', 'builder', 0, NULL, '2026-06-20T09:06:00Z', '2026-06-20T09:06:00Z'),
  ('cust_globex_1', 'globex', 'Globex Main', 'billing@globex.example', 'enterprise', 0, NULL, '2026-06-20T09:07:00Z', '2026-06-20T09:07:00Z');

INSERT INTO support_tickets (id, tenant_id, customer_id, subject, status, resolution_note, updated_at) VALUES
  ('T-1042', 'acme', 'cust_acme_1', 'Late fee waiver request for INV-3001', 'open', NULL, '2026-06-20T14:20:00Z'),
  ('T-1043', 'acme', 'cust_acme_2', 'Cannot download last invoice', 'open', NULL, '2026-06-20T14:22:00Z'),
  ('T-9001', 'globex', 'cust_globex_1', 'Question about invoice INV-9001', 'open', NULL, '2026-06-20T14:25:00Z');

INSERT INTO invoices (id, tenant_id, customer_id, status, balance_cents, late_fee_cents, waiver_reason, updated_at) VALUES
  ('INV-3001', 'acme', 'cust_acme_1', 'overdue', 25500, 5500, NULL, '2026-06-20T14:31:08Z'),
  ('INV-3002', 'acme', 'cust_acme_2', 'paid', 0, 0, NULL, '2026-06-20T14:32:00Z'),
  ('INV-9001', 'globex', 'cust_globex_1', 'overdue', 25500, 5500, NULL, '2026-06-20T14:33:00Z');

INSERT INTO orders (id, tenant_id, customer_id, status, status_change_reason, updated_at) VALUES
  ('O-1001', 'acme', 'cust_acme_1', 'paid', NULL, '2026-06-20T14:40:00Z'),
  ('O-1002', 'acme', 'cust_acme_2', 'processing', NULL, '2026-06-20T14:41:00Z'),
  ('O-9001', 'globex', 'cust_globex_1', 'paid', NULL, '2026-06-20T14:42:00Z');
