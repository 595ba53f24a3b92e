import type { InitSelection } from './types.js';

/**
 * The starter contract (`init --starter`, or `init` with no database flags and no TTY): the
 * reference app's invoice tools, to be edited against a real table. It is a normal selection,
 * so it goes through the same generation and validation as any other.
 */
export const STARTER_SELECTION: InitSelection = {
  engine: 'postgres',
  mode: 'shadow',
  schema: 'public',
  table: 'invoices',
  primary_key: 'id',
  tenant_key: 'tenant_id',
  conflict_column: 'updated_at',
  bump: 'now',
  namespace: 'billing',
  object_name: 'invoice',
  lookup_arg: 'invoice_id',
  read_tool: 'billing.inspect_invoice',
  proposal_tool: 'billing.propose_late_fee_waiver',
  visible_columns: ['id', 'tenant_id', 'customer_id', 'status', 'balance_cents', 'late_fee_cents', 'waiver_reason', 'updated_at'],
  patch: { late_fee_cents: { fixed: 0 }, waiver_reason: { from_arg: 'reason' } },
  numeric_bounds: { late_fee_cents: { minimum: 0, maximum: 10000 } },
  patch_args: { reason: { type: 'string', max_length: 500, description: 'Why the fee should be waived.' } },
  approval_role: 'billing_lead',
};
