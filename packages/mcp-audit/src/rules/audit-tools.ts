import { classify } from '../classify/classifiers.js';
import type { AuditTool } from '../manifest/tool-model.js';
import { makeFinding, type RankedFinding } from './finding.js';
import { missingAnnotations, missingDescription, missingFixture, noOutputSchema } from './tool-metadata.js';
import type { ToolRule } from './tool-rule.js';
import {
  acceptsArbitrarySql,
  arbitraryIdentifierInput,
  genericSqlTool,
  modelControlledTrustScope,
} from './tool-sql-inputs.js';
import {
  ambiguousReadWrite,
  callableCommitOrApproval,
  modelSuppliedConfirmation,
  noConflictGuard,
  noIdempotencyField,
  readOnlyHintOnWrite,
  writeWithoutBoundary,
} from './tool-writes.js';

const TOOL_RULES: readonly ToolRule[] = [
  genericSqlTool,
  acceptsArbitrarySql,
  arbitraryIdentifierInput,
  modelControlledTrustScope,
  callableCommitOrApproval,
  writeWithoutBoundary,
  readOnlyHintOnWrite,
  modelSuppliedConfirmation,
  noOutputSchema,
  noIdempotencyField,
  noConflictGuard,
  ambiguousReadWrite,
  missingDescription,
  missingAnnotations,
  missingFixture,
];

export function auditToolList(tools: readonly AuditTool[]): RankedFinding[] {
  return tools.flatMap((tool) => {
    const c = classify(tool);
    return TOOL_RULES.flatMap((rule) => {
      const hit = rule(tool, c);
      if (hit === undefined) return [];
      return [makeFinding(hit.code, { server: tool.server, tool: tool.name, order: tool.order }, hit.message, hit.evidence)];
    });
  });
}

export function noToolsFound(target: string): RankedFinding {
  return makeFinding('NO_TOOLS_FOUND', {}, `No tools were found in ${target}.`, [
    { path: '$', detail: 'no tool descriptor with a name' },
  ]);
}
