-- Reference support/billing app (spec: examples.md). PostgreSQL.
-- Every business table carries tenant_id and updated_at (the conflict-guard column).
CREATE TABLE IF NOT EXISTS tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS customers (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  email text,
  plan text NOT NULL,
  plan_credit_cents integer NOT NULL DEFAULT 0,
  credit_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS support_tickets (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  customer_id text NOT NULL REFERENCES customers(id),
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'pending_review', 'resolved')),
  resolution_note text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS invoices (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  customer_id text NOT NULL REFERENCES customers(id),
  status text NOT NULL,
  balance_cents integer NOT NULL,
  late_fee_cents integer NOT NULL,
  waiver_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orders (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  customer_id text NOT NULL REFERENCES customers(id),
  status text NOT NULL CHECK (status IN ('paid', 'processing', 'ready_to_ship', 'canceled')),
  status_change_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS customers_tenant_idx ON customers (tenant_id);
CREATE INDEX IF NOT EXISTS support_tickets_tenant_idx ON support_tickets (tenant_id);
CREATE INDEX IF NOT EXISTS invoices_tenant_idx ON invoices (tenant_id);
CREATE INDEX IF NOT EXISTS orders_tenant_idx ON orders (tenant_id);

-- Idempotency receipts of the runner's guarded UPDATE (spec: writeback.md).
CREATE TABLE IF NOT EXISTS synapsor_writeback_receipts (
  idempotency_key text PRIMARY KEY,
  job_id text NOT NULL UNIQUE,
  proposal_id text NOT NULL,
  status text NOT NULL,
  result_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
