import { AuditUsageError } from '../errors.js';

type PropertyType = 'string' | 'number' | 'array';

const schemaOf = (type: PropertyType): Record<string, unknown> =>
  type === 'array' ? { type: 'array', items: { type: 'string' } } : { type };

function tool(name: string, description: string, properties: Record<string, PropertyType>, required: string[]) {
  return {
    name,
    description,
    inputSchema: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(properties).map(([key, type]) => [key, schemaOf(type)])),
      required,
    },
  };
}

/**
 * Built-in `dangerous-db-mcp` manifest. Same content as examples/dangerous-mcp-tools.json
 * (a test asserts identical findings); built in so the demo needs no file.
 */
const DANGEROUS_DB_MCP = {
  tools: [
    tool('execute_sql', 'Execute arbitrary SQL against the application database.', { sql: 'string' }, ['sql']),
    tool(
      'run_query',
      'Run any query and return database rows.',
      { query: 'string', table: 'string', columns: 'array' },
      ['query'],
    ),
    tool(
      'approve_refund',
      'Approve and issue a customer refund immediately.',
      { refund_id: 'string', tenant_id: 'string', amount_cents: 'number' },
      ['refund_id', 'tenant_id', 'amount_cents'],
    ),
    tool(
      'update_customer',
      'Update a customer record directly.',
      { customer_id: 'string', tenant_id: 'string', column: 'string', value: 'string' },
      ['customer_id', 'tenant_id', 'column', 'value'],
    ),
    tool('delete_order', 'Delete an order from the database.', { order_id: 'string', tenant_id: 'string' }, [
      'order_id',
      'tenant_id',
    ]),
    tool(
      'query_database',
      'Query arbitrary tables and columns from the database.',
      { database: 'string', schema: 'string', table: 'string', columns: 'array', where: 'string' },
      ['table'],
    ),
  ],
};

export const EXAMPLES: Readonly<Record<string, unknown>> = { 'dangerous-db-mcp': DANGEROUS_DB_MCP };

export function loadExample(name: string): unknown {
  const manifest = EXAMPLES[name];
  if (manifest === undefined) {
    throw new AuditUsageError(`unknown example "${name}"; available: ${Object.keys(EXAMPLES).join(', ')}`);
  }
  return structuredClone(manifest);
}
