import { textFieldsOf } from '../classify/classifiers.js';
import { findWords, wordSet } from '../classify/words.js';
import { childPath } from '../json-path.js';
import { propertiesIn, propertyRule, wordEvidence, writeEvidence, type ToolRule } from './tool-rule.js';

const COMMIT_VERBS = wordSet('approve commit apply settle merge');
const COMMIT_OBJECTS = wordSet('proposal write change writeback refund');
const CONFIRM_PROPERTIES = wordSet(
  'confirm confirmed confirmation approve approved approval force yes autoapprove skipconfirmation skipapproval iamsure',
);
const IDEMPOTENCY_PROPERTIES = wordSet('idempotencykey requestid requestkey dedupekey');
const CONFLICT_PROPERTIES = wordSet('expectedversion rowversion updatedat etag conflictguard previousversion');

export const callableCommitOrApproval: ToolRule = (tool, c) => {
  const verb = tool.nameWords.find((word) => COMMIT_VERBS.has(word));
  const object = tool.nameWords.find((word) => COMMIT_OBJECTS.has(word));
  const textVerbs = c.proposalBoundary ? [] : findWords(textFieldsOf(tool), COMMIT_VERBS);
  const evidence = [
    ...(verb !== undefined && object !== undefined
      ? [{ path: tool.namePath, detail: `name pairs "${verb}" with "${object}"` }]
      : []),
    ...wordEvidence(textVerbs),
  ];
  if (evidence.length === 0) return undefined;
  return {
    code: 'MODEL_CALLABLE_COMMIT_OR_APPROVAL',
    message: `Tool "${tool.name}" lets the model approve, commit or apply a change itself.`,
    evidence,
  };
};

export const writeWithoutBoundary: ToolRule = (tool, c) => {
  if (!c.writeLike || c.proposalBoundary) return undefined;
  return {
    code: 'WRITE_WITHOUT_PROPOSAL_BOUNDARY',
    message: `Tool "${tool.name}" writes without a proposal or human review step.`,
    evidence: [...writeEvidence(tool, c), { path: tool.path, detail: 'no proposal or review wording in name or text' }],
  };
};

export const readOnlyHintOnWrite: ToolRule = (tool, c) => {
  const hints = tool.annotations ?? {};
  if (hints['readOnlyHint'] !== true) return undefined;
  const destructive = hints['destructiveHint'] === true;
  if (c.writeVerbs.length === 0 && !destructive) return undefined;
  return {
    code: 'READ_ONLY_HINT_ON_WRITE_TOOL',
    message: `Tool "${tool.name}" is annotated read-only but describes a write.`,
    evidence: [
      { path: childPath(tool.annotationsPath, 'readOnlyHint'), detail: 'readOnlyHint is true' },
      ...(destructive
        ? [{ path: childPath(tool.annotationsPath, 'destructiveHint'), detail: 'destructiveHint is true' }]
        : []),
      ...wordEvidence(c.writeVerbs),
    ],
  };
};

export const modelSuppliedConfirmation = propertyRule(
  'MODEL_SUPPLIED_CONFIRMATION',
  CONFIRM_PROPERTIES,
  (tool, names) => `Write tool "${tool.name}" lets the model confirm its own action (${names}).`,
  (c) => c.writeLike,
);

/** Fires for an unbounded write that lacks every property of `tokens`. */
function missingGuardRule(
  code: 'NO_IDEMPOTENCY_FIELD' | 'NO_CONFLICT_GUARD',
  tokens: ReadonlySet<string>,
  what: string,
  examples: string,
): ToolRule {
  return (tool, c) => {
    if (!c.writeLike || c.proposalBoundary || propertiesIn(tool, tokens).length > 0) return undefined;
    return {
      code,
      message: `Write tool "${tool.name}" has no ${what} argument.`,
      evidence: [{ path: tool.inputSchemaPath ?? tool.path, detail: `no ${what} property (${examples})` }],
    };
  };
}

export const noIdempotencyField = missingGuardRule(
  'NO_IDEMPOTENCY_FIELD',
  IDEMPOTENCY_PROPERTIES,
  'idempotency key',
  'idempotency_key, request_id, request_key, dedupe_key',
);
export const noConflictGuard = missingGuardRule(
  'NO_CONFLICT_GUARD',
  CONFLICT_PROPERTIES,
  'expected-version or conflict guard',
  'expected_version, row_version, updated_at, etag, conflict_guard, previous_version',
);

export const ambiguousReadWrite: ToolRule = (tool, c) => {
  if (!c.writeLike || c.readWords.length === 0 || c.proposalBoundary) return undefined;
  return {
    code: 'AMBIGUOUS_READ_WRITE_TOOL',
    message: `Tool "${tool.name}" mixes read and write behaviour without a proposal boundary.`,
    evidence: [...wordEvidence(c.readWords), ...writeEvidence(tool, c)],
  };
};
