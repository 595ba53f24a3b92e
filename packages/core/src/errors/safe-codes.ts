/** Model-facing safe error codes (mcp.md) and the internal codes mapped to each. */
export type SafeErrorCode =
  | 'NOT_FOUND_IN_TENANT'
  | 'INVALID_ARGUMENT'
  | 'POLICY_VIOLATION'
  | 'CAPABILITY_NOT_FOUND'
  | 'APPROVAL_REQUIRED'
  | 'VERSION_CONFLICT'
  | 'MULTI_ROW_BLOCKED'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'INTERNAL';

interface SafeCodeInfo {
  retryable: boolean;
  hint: string;
  internal: readonly string[];
}

export const SAFE_ERROR_CODES: Readonly<Record<SafeErrorCode, SafeCodeInfo>> = {
  NOT_FOUND_IN_TENANT: {
    retryable: false,
    hint: 'Check the id with the user; do not infer that the record exists elsewhere.',
    internal: ['ROW_NOT_FOUND'],
  },
  INVALID_ARGUMENT: {
    retryable: false,
    hint: 'Fix the named argument and call again.',
    internal: [
      'ARGUMENT_REQUIRED',
      'ARGUMENT_TYPE_INVALID',
      'ARGUMENT_TOO_LONG',
      'ARGUMENT_BELOW_MINIMUM',
      'ARGUMENT_ABOVE_MAXIMUM',
      'ARGUMENT_NOT_ALLOWED',
      'ARGUMENT_UNKNOWN',
      'LOOKUP_ARG_MISSING',
      'MODEL_CANNOT_OVERRIDE_BINDING',
    ],
  },
  POLICY_VIOLATION: {
    retryable: false,
    hint: 'This is outside the reviewed policy; explain it to the user and do not retry the same values.',
    internal: [
      'PATCH_REQUIRED',
      'PATCH_NUMERIC_BOUND_TYPE_INVALID',
      'PATCH_BELOW_MINIMUM',
      'PATCH_ABOVE_MAXIMUM',
      'PATCH_TRANSITION_TYPE_INVALID',
      'PATCH_TRANSITION_NOT_ALLOWED',
      'NO_CHANGE',
      'CONFLICT_GUARD_MISSING',
    ],
  },
  CAPABILITY_NOT_FOUND: {
    retryable: false,
    hint: 'Use a tool from tools/list.',
    internal: ['MCP_TOOL_NOT_FOUND'],
  },
  APPROVAL_REQUIRED: {
    retryable: false,
    hint: 'Proposals are turned off here; tell a person.',
    internal: ['PROPOSALS_DISABLED'],
  },
  VERSION_CONFLICT: {
    retryable: false,
    hint: 'Inspect the record again, then propose again.',
    internal: [],
  },
  MULTI_ROW_BLOCKED: {
    retryable: false,
    hint: 'Stop and tell a person; the capability matched more than one record.',
    internal: ['ROW_NOT_UNIQUE'],
  },
  TEMPORARILY_UNAVAILABLE: {
    retryable: true,
    hint: 'Wait a few seconds and try again; at most 3 retries.',
    internal: [
      'DATABASE_UNAVAILABLE',
      'STATEMENT_TIMEOUT',
      'POOL_TIMEOUT',
      'LOCAL_STORE_UNAVAILABLE',
      'LEDGER_BUSY',
      'SOURCE_CREDENTIAL_MISSING',
      // A malformed read-URL env is a deployment problem like a missing one: fixable by an
      // operator without a config review, so the model may retry later.
      'SOURCE_URL_INVALID',
      // A call racing shutdown: the adapter closed under it; a retry reaches the next process.
      'ADAPTER_CLOSED',
      'TRUSTED_BINDING_MISSING',
      'TRUSTED_CONTEXT_MISSING',
    ],
  },
  INTERNAL: {
    retryable: false,
    hint: 'Stop and tell a person, quoting the ref.',
    // Also the default for any unlisted code; listed here are those known to reach a tool
    // call, all runner or config defects that a retry cannot fix.
    internal: [
      'SECRET_MATERIAL_REJECTED',
      'UNSUPPORTED_COLUMN_TYPE',
      'UNSAFE_IDENTIFIER',
      'READ_PLAN_INVALID',
      'JOB_INVALID',
      'INVALID_SOURCE',
    ],
  },
};

const INTERNAL_TO_SAFE: ReadonlyMap<string, SafeErrorCode> = new Map(
  (Object.entries(SAFE_ERROR_CODES) as [SafeErrorCode, SafeCodeInfo][]).flatMap(([safe, info]) =>
    info.internal.map((internal) => [internal, safe] as const),
  ),
);

/** Maps an internal code to the model-facing code; anything unknown is `INTERNAL`. */
export function toSafeErrorCode(internalCode: string): SafeErrorCode {
  if (internalCode in SAFE_ERROR_CODES) return internalCode as SafeErrorCode;
  return INTERNAL_TO_SAFE.get(internalCode) ?? 'INTERNAL';
}
