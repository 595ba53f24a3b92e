-- Least-privilege roles for a real deployment (spec: examples.md). Run as a superuser after
-- schema.sql; set passwords out of band (ALTER ROLE … PASSWORD), never in this file.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'synapsor_reader') THEN CREATE ROLE synapsor_reader LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'synapsor_writer') THEN CREATE ROLE synapsor_writer LOGIN; END IF;
END $$;

GRANT SELECT ON tenants, customers, support_tickets, invoices, orders TO synapsor_reader;

GRANT SELECT ON tenants, customers, support_tickets, invoices, orders TO synapsor_writer;
GRANT UPDATE (plan_credit_cents, credit_reason, updated_at) ON customers TO synapsor_writer;
GRANT UPDATE (status, resolution_note, updated_at) ON support_tickets TO synapsor_writer;
GRANT UPDATE (late_fee_cents, waiver_reason, updated_at) ON invoices TO synapsor_writer;
GRANT UPDATE (status, status_change_reason, updated_at) ON orders TO synapsor_writer;
GRANT SELECT, INSERT, UPDATE ON synapsor_writeback_receipts TO synapsor_writer;
