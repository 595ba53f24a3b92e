/** Recommended agent instructions (examples.md, `mcp config --include-instructions`). */
export const AGENT_INSTRUCTIONS: readonly string[] = [
  'Inspect the record before proposing any change.',
  'Never claim a change happened unless the result says source_database_changed is true.',
  'You cannot approve or apply proposals; a person reviews them outside this conversation.',
  'After VERSION_CONFLICT, inspect the record again before proposing anything else.',
  'Evidence ids need no action from you.',
  'When a call fails, follow error.code and error.hint.',
  'NOT_FOUND_IN_TENANT means not found for this account; never infer anything about other tenants from it.',
];

/** The short default used in the OpenAI Agents examples when instructions are not requested. */
export const SHORT_AGENT_INSTRUCTIONS = 'Inspect before proposing. A proposal changes nothing until a person approves it.';

export function agentInstructionsText(): string {
  return AGENT_INSTRUCTIONS.join(' ');
}
