/** Model-facing resource URIs and fixed texts shared by envelopes and resources. */
export const evidenceUri = (id: string): string => `synapsor://evidence/${id}`;
export const proposalUri = (id: string): string => `synapsor://proposals/${id}`;
export const replayUri = (proposalId: string): string => `synapsor://replay/replay_${proposalId}`;

export const PROPOSAL_NEXT = 'A person must approve this outside this tool; nothing is committed yet.';
export const EVIDENCE_NOTE = 'audit handle; no action needed' as const;

/** `"<table>:<object_id>"` as shown in proposal views. */
export const proposalTarget = (table: string, objectId: string): string => `${table}:${objectId}`;
