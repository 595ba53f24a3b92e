import type { Severity } from '../types.js';

export interface RuleInfo {
  severity: Severity;
  /** SARIF `shortDescription`. */
  title: string;
  recommendation: string;
}

/** Every rule code of audit.md with its fixed severity. */
export const RULES = {
  GENERIC_SQL_TOOL: {
    severity: 'HIGH',
    title: 'Tool exposes generic SQL or query execution',
    recommendation:
      'Replace it with narrow semantic read tools (one reviewed lookup per business question) that build bound-parameter statements on the server side.',
  },
  WRITE_TOOL_ACCEPTS_ARBITRARY_SQL: {
    severity: 'HIGH',
    title: 'SQL-like tool accepts a free-form SQL/query argument',
    recommendation:
      'Remove the sql/query/statement argument; accept only typed business arguments and keep statements fixed and reviewed on the server.',
  },
  ARBITRARY_IDENTIFIER_INPUT: {
    severity: 'HIGH',
    title: 'Model chooses table, schema, column or database names',
    recommendation:
      'Fix tables and columns in reviewed server-side configuration; never accept identifiers from the model.',
  },
  MODEL_CONTROLLED_TRUST_SCOPE: {
    severity: 'HIGH',
    title: 'Model supplies tenant, principal, version or allow-list values',
    recommendation:
      'Resolve tenant and principal from trusted context (environment or server config) and read versions from the row itself, never from tool arguments.',
  },
  MODEL_CALLABLE_COMMIT_OR_APPROVAL: {
    severity: 'HIGH',
    title: 'Model can approve, commit or apply a change',
    recommendation:
      'Keep approval and apply outside MCP: the model may only create a proposal that a person with the required role approves elsewhere.',
  },
  WRITE_WITHOUT_PROPOSAL_BOUNDARY: {
    severity: 'HIGH',
    title: 'Write tool has no proposal or review boundary',
    recommendation:
      'Turn the write into a proposal tool that records a change set for human review; apply it later with a guarded writeback.',
  },
  READ_ONLY_HINT_ON_WRITE_TOOL: {
    severity: 'HIGH',
    title: 'readOnlyHint is true on a tool that describes a write',
    recommendation: 'Make the annotations truthful: readOnlyHint false (and destructiveHint when it deletes) or remove the write.',
  },
  MODEL_SUPPLIED_CONFIRMATION: {
    severity: 'HIGH',
    title: 'Write tool accepts a confirmation or approval flag from the model',
    recommendation:
      'Remove confirm/approve/force arguments; confirmation must come from a person outside the model loop.',
  },
  HTTP_ENDPOINT_UNAUTHENTICATED: {
    severity: 'HIGH',
    title: 'HTTP MCP endpoint answered without credentials',
    recommendation: 'Require a bearer token (or equivalent) on the HTTP endpoint and keep it on a private network.',
  },
  CLIENT_AUTH_DISABLED: {
    severity: 'HIGH',
    title: 'Client entry starts a server with authentication disabled',
    recommendation: 'Remove the no-auth flag and configure a token referenced by environment variable name.',
  },
  CLIENT_WILDCARD_ORIGIN: {
    severity: 'HIGH',
    title: 'Client entry allows any origin or host',
    recommendation: 'List the exact origins and hosts that may connect instead of *.',
  },
  NO_STRUCTURED_OUTPUT_SCHEMA: {
    severity: 'MEDIUM',
    title: 'Tool declares no output schema',
    recommendation: 'Publish an outputSchema so clients can validate results and tell data from errors.',
  },
  NO_IDEMPOTENCY_FIELD: {
    severity: 'MEDIUM',
    title: 'Write tool has no idempotency key',
    recommendation: 'Require an idempotency key so a retried call cannot apply the same change twice.',
  },
  NO_CONFLICT_GUARD: {
    severity: 'MEDIUM',
    title: 'Write tool has no version or conflict guard',
    recommendation: 'Check an expected row version (updated_at, etag) when applying, and refuse on mismatch.',
  },
  AMBIGUOUS_READ_WRITE_TOOL: {
    severity: 'MEDIUM',
    title: 'Tool both reads and writes',
    recommendation: 'Split it into a read tool and a separate proposal tool so each call has one clear effect.',
  },
  NO_TOOLS_FOUND: {
    severity: 'MEDIUM',
    title: 'No tools found',
    recommendation: 'Check that the input is a tools/list result, a manifest, a runner config or a client config.',
  },
  CLIENT_HTTP_WITHOUT_AUTH: {
    severity: 'MEDIUM',
    title: 'Client HTTP entry sends no Authorization header',
    recommendation:
      'Send an Authorization header that references a token by environment variable (OAuth negotiated by the client cannot be seen statically).',
  },
  CLIENT_PUBLIC_BIND: {
    severity: 'MEDIUM',
    title: 'Client entry binds or connects to all interfaces',
    recommendation: 'Bind to 127.0.0.1 (or a private interface) and put TLS and auth in front of anything wider.',
  },
  CLIENT_INLINE_SECRET: {
    severity: 'MEDIUM',
    title: 'Client config contains an inline secret',
    recommendation:
      'Move the secret to the environment or a secret store and reference it by name (${VAR}); rotate the exposed value.',
  },
  MISSING_BUSINESS_DESCRIPTION: {
    severity: 'LOW',
    title: 'Tool has no description',
    recommendation: 'Describe the business purpose so reviewers and models know what the tool does.',
  },
  MISSING_RISK_ANNOTATIONS: {
    severity: 'LOW',
    title: 'Tool has no risk annotations',
    recommendation: 'Declare readOnlyHint, destructiveHint, idempotentHint and openWorldHint truthfully.',
  },
  MISSING_TEST_FIXTURE: {
    severity: 'LOW',
    title: 'Tool has no test fixture or example',
    recommendation: 'Ship an example call (examples or x_synapsor_test_fixture) so the tool can be smoke-tested.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;
