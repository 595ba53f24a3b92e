INSERT INTO orders (id, tenant_id, customer_id, status, updated_at) VALUES
  ('O-1001', 'acme', 'cust_acme_1', 'paid', '2026-06-20 14:31:08.000000'),
  ('O-1002', 'acme', 'cust_acme_2', 'processing', '2026-06-20 14:32:00.000000'),
  ('O-1003', 'acme', 'cust_acme_1', 'shipped', '2026-06-20 14:33:00.000000'),
  ('O-9001', 'globex', 'cust_globex_1', 'paid', '2026-06-20 14:34:00.000000');
