import type { Command } from 'commander';
import {
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  PROPOSAL_STATES,
  normalizeInstant,
  parseObjectFilter,
  type LedgerFilter,
  type ProposalState,
  type ReceiptStatus,
} from '@synapsor/core';
import { usageError } from './errors.js';

/** Filter groups of ledger.md "Search"; each list command registers the ones that apply to it. */
export type FilterGroup = 'common' | 'object' | 'table' | 'links' | 'state' | 'status' | 'primaryKey' | 'receipt' | 'event';

const FLAGS: Record<FilterGroup, Array<[string, string]>> = {
  common: [
    ['--tenant <id>', 'tenant id'],
    ['--principal <id>', 'principal'],
    ['--capability <name>', 'capability (canonical name)'],
    ['--source <name>', 'source name'],
    ['--from <iso>', 'created at or after (ISO 8601)'],
    ['--to <iso>', 'created at or before (ISO 8601)'],
    ['--limit <n>', `at most n results, 1..${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})`],
  ],
  object: [
    ['--object <type:id>', 'business object, e.g. invoice:INV-3001'],
    ['--object-type <type>', 'object type (table name, singular or plural)'],
    ['--object-id <id>', 'object id'],
  ],
  table: [
    ['--table <name>', 'table (bare name matches any schema)'],
    ['--query-fingerprint <hash>', 'query fingerprint'],
  ],
  links: [
    ['--proposal <id>', 'linked proposal id'],
    ['--evidence <id>', 'linked evidence bundle id'],
    ['--receipt <id>', 'linked receipt id'],
  ],
  state: [['--state <state>', 'proposal state']],
  status: [['--status <status>', 'receipt status']],
  primaryKey: [['--primary-key <value>', 'primary key value']],
  receipt: [
    ['--writeback-job <id>', 'writeback job id'],
    ['--idempotency-key <key>', 'idempotency key'],
  ],
  event: [
    ['--kind <kind>', 'event kind'],
    ['--actor <actor>', 'event actor'],
  ],
};

export const LIST_FILTERS: Record<'evidence' | 'queryAudit' | 'receipts' | 'activity' | 'events', FilterGroup[]> = {
  evidence: ['common', 'object', 'table', 'links'],
  queryAudit: ['common', 'object', 'table', 'links', 'primaryKey'],
  receipts: ['common', 'links', 'status', 'receipt'],
  activity: ['common', 'object', 'table', 'links'],
  events: ['common', 'links', 'event'],
};

export function addFilterOptions(command: Command, groups: FilterGroup[]): Command {
  for (const group of groups) for (const [flags, description] of FLAGS[group]) command.option(flags, description);
  return command;
}

/** `object_type` → `objectType`: commander's property name for the flag `--object-type`. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/**
 * The flags as commander hands them over: one raw string per `LedgerFilter` field (checked by
 * `filterFromOptions`), plus the `--object <type:id>` shorthand. `since_seq` is no filter flag:
 * `events` sets it from its own options.
 */
export type FilterOptions = { [K in Exclude<keyof LedgerFilter, 'since_seq'> as CamelCase<K>]?: string } & { object?: string };

const RECEIPT_STATUSES = ['applied', 'already_applied', 'conflict', 'failed'];

/** A positive integer flag within bounds, else a usage error naming the flag. */
export function intFlag(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer ${min}..${max}`;
    throw usageError('INVALID_FLAG_VALUE', `${name} must be ${range}`);
  }
  return value;
}

function instant(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return normalizeInstant(raw);
  } catch {
    throw usageError('FILTER_TIME_INVALID', `${name} must be an ISO 8601 timestamp`);
  }
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly string[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw)) throw usageError('INVALID_FLAG_VALUE', `${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** Flags → `LedgerFilter`; every bad value is a usage error (exit 2), checked before the store opens. */
export function filterFromOptions(options: FilterOptions): LedgerFilter {
  let objectType = options.objectType;
  let objectId = options.objectId;
  if (options.object !== undefined) {
    let parsed: { object_type: string; object_id: string };
    try {
      parsed = parseObjectFilter(options.object);
    } catch {
      throw usageError('FILTER_OBJECT_INVALID', '--object must be <type>:<id>');
    }
    if ((objectType !== undefined && objectType !== parsed.object_type) || (objectId !== undefined && objectId !== parsed.object_id)) {
      throw usageError('FILTER_OBJECT_INVALID', '--object conflicts with --object-type / --object-id');
    }
    objectType = parsed.object_type;
    objectId = parsed.object_id;
  }
  const filter: LedgerFilter = {
    tenant: options.tenant,
    principal: options.principal,
    capability: options.capability,
    source: options.source,
    from: instant('--from', options.from),
    to: instant('--to', options.to),
    limit: intFlag('--limit', options.limit, 1, MAX_LIST_LIMIT) ?? DEFAULT_LIST_LIMIT,
    object_type: objectType,
    object_id: objectId,
    table: options.table,
    query_fingerprint: options.queryFingerprint,
    proposal: options.proposal,
    evidence: options.evidence,
    receipt: options.receipt,
    state: oneOf<ProposalState>('--state', options.state, PROPOSAL_STATES),
    status: oneOf<ReceiptStatus>('--status', options.status, RECEIPT_STATUSES),
    primary_key: options.primaryKey,
    writeback_job: options.writebackJob,
    idempotency_key: options.idempotencyKey,
    kind: options.kind,
    actor: options.actor,
  };
  // Unset keys are dropped so stores see exactly the filters the user gave.
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as LedgerFilter;
}
