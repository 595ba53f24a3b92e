-- Additions to the reference billing schema for the account-credit example (PostgreSQL).
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS credited_cents integer NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS account_credits (
  id serial PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  tenant_id text NOT NULL,
  invoice_id text NOT NULL REFERENCES invoices(id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
