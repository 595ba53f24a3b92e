/** The `instructions` text of the initialize result (mcp.md "Server"; at most 600 characters). */
export const SERVER_INSTRUCTIONS =
  'Look up a record before proposing a change to it. A proposal changes nothing; a person approves it ' +
  'outside this conversation and you cannot approve or apply it. Report a change as made only when a ' +
  'result says source_database_changed: true. On NOT_FOUND_IN_TENANT, say the record is not visible; ' +
  'do not guess whether it exists elsewhere. Evidence ids are audit handles that need no action.';

export const SERVER_NAME = 'synapsor-runner';
