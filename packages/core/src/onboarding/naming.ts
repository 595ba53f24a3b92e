/** Default names derived from the table (cli.md init table). */

/** Table minus one trailing `s` (`invoices` → `invoice`, `support_tickets` → `support_ticket`). */
export function objectNameOf(table: string): string {
  return table.length > 1 && table.endsWith('s') ? table.slice(0, -1) : table;
}

/** First `_` segment of the object name (`support_ticket` → `support`). */
export function namespaceOf(objectName: string): string {
  return objectName.split('_')[0] || objectName;
}

export function idArgOf(objectName: string): string {
  return `${objectName}_id`;
}

export function readToolOf(namespace: string, objectName: string): string {
  return `${namespace}.inspect_${objectName}`;
}

export function proposalToolOf(namespace: string, objectName: string): string {
  return `${namespace}.propose_${objectName}_update`;
}

/** `support_ticket` → `support ticket`, for descriptions. */
export function humanName(objectName: string): string {
  return objectName.replace(/_/g, ' ');
}

export function defaultReadDescription(objectName: string, lookupArg: string): string {
  return `Look up one ${humanName(objectName)} of the current account by ${lookupArg}.`;
}

export function defaultProposalDescription(objectName: string): string {
  return `Propose a change to one ${humanName(objectName)} for human review. Nothing changes until a person approves it.`;
}
