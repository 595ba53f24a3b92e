/** JSON values as stored in the ledger and sent over the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A normalised database value (read-and-proposal.md "Value normalisation"). */
export type NormalizedValue = JsonPrimitive;
export type Row = Record<string, NormalizedValue>;

export interface TrustedContext {
  tenant_id: string;
  principal: string;
  provenance: string;
}

export type Engine = 'postgres' | 'mysql';
export type SourceKind = 'external_postgres' | 'external_mysql';
export type CapabilityKind = 'read' | 'proposal';

export interface ColumnValue {
  column: string;
  value: NormalizedValue;
}
