-- Orders on MySQL 8 / MariaDB >= 10.6 for the orders.refund_review recipe and an order status change.
-- timestamp(6): the runner's `now` bump adds 1 µs, which a second-precision column would round away.
CREATE TABLE IF NOT EXISTS orders (
  id varchar(32) PRIMARY KEY,
  tenant_id varchar(32) NOT NULL,
  customer_id varchar(32) NOT NULL,
  status varchar(32) NOT NULL,
  status_change_reason text,
  refund_cents int NOT NULL DEFAULT 0,
  refund_reason text,
  updated_at timestamp(6) NOT NULL DEFAULT current_timestamp(6),
  KEY orders_tenant_idx (tenant_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS synapsor_writeback_receipts (
  idempotency_key varchar(255) PRIMARY KEY,
  job_id varchar(255) NOT NULL UNIQUE,
  proposal_id varchar(255) NOT NULL,
  status varchar(32) NOT NULL,
  result_hash varchar(80),
  created_at timestamp(6) NOT NULL DEFAULT current_timestamp(6),
  completed_at timestamp(6) NULL
) ENGINE=InnoDB;
