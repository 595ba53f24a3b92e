import type { AuditTool } from '../manifest/tool-model.js';
import type { RuleCode } from './catalog.js';
import type { ToolRule } from './tool-rule.js';

/** A rule for a piece of metadata the tool lacks; evidence points at the tool. */
function missingRule(code: RuleCode, missing: (tool: AuditTool) => boolean, what: string, detail: string): ToolRule {
  return (tool) =>
    missing(tool)
      ? { code, message: `Tool "${tool.name}" ${what}.`, evidence: [{ path: tool.path, detail }] }
      : undefined;
}

export const noOutputSchema = missingRule(
  'NO_STRUCTURED_OUTPUT_SCHEMA',
  (tool) => !tool.hasOutputSchema,
  'declares no output schema',
  'no outputSchema, output_schema, resultSchema or result_schema object',
);

export const missingDescription = missingRule(
  'MISSING_BUSINESS_DESCRIPTION',
  (tool) => tool.textFields.every((field) => field.value.trim() === ''),
  'has no description, title or summary',
  'description, title and summary are empty or missing',
);

export const missingAnnotations = missingRule(
  'MISSING_RISK_ANNOTATIONS',
  (tool) => tool.annotations === undefined || Object.keys(tool.annotations).length === 0,
  'declares no risk annotations',
  'annotations missing or empty',
);

export const missingFixture = missingRule(
  'MISSING_TEST_FIXTURE',
  (tool) => !tool.hasFixture,
  'ships no example or test fixture',
  'none of examples, example, input_examples, test_fixture, x_synapsor_test_fixture',
);
