/** Reference table for the integration suites (one per test database). */
export const INVOICES_DDL = `
CREATE TABLE invoices (
  invoice_id varchar(32) NOT NULL,
  tenant_id varchar(32) NOT NULL,
  amount_cents int NOT NULL,
  status varchar(16) NOT NULL,
  row_version bigint NOT NULL DEFAULT 1,
  updated_at timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (invoice_id, tenant_id)
) ENGINE=InnoDB;
CREATE TABLE invoice_writes (
  invoice_id varchar(32) NOT NULL,
  tenant_id varchar(32) NOT NULL,
  written_at timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;
CREATE TRIGGER invoices_count_writes AFTER UPDATE ON invoices FOR EACH ROW
  INSERT INTO invoice_writes (invoice_id, tenant_id) VALUES (NEW.invoice_id, NEW.tenant_id);
`;

export const INVOICE_ROWS = `
INSERT INTO invoices (invoice_id, tenant_id, amount_cents, status, row_version, updated_at) VALUES
  ('INV-1', 'acme', 5500, 'open', 1, '2026-06-20 14:31:08.123456'),
  ('INV-2', 'acme', 1200, 'open', 7, '2026-06-20 14:31:08.000001'),
  ('INV-9', 'globex', 9900, 'open', 1, '2026-06-20 14:31:08.123456');
`;
