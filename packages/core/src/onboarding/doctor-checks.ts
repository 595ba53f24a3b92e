import type { Issue, RunnerConfig } from '../config/index.js';
import type { Check, Inspection } from '../ports/index.js';
import type { BoundaryCheck } from '../tools/index.js';
import { failCheck, passCheck, skipCheck, warnCheck } from './check-builders.js';
import { findInspectedTable } from './inspected-table.js';

export function configValidCheck(path: string, validation: { ok: boolean; errors: Issue[] }): Check {
  if (validation.ok) return passCheck('config_valid', `config valid: ${path}`);
  const first = validation.errors[0];
  const detail = first ? ` (${first.path} ${first.code}: ${first.message})` : '';
  return failCheck('config_valid', `config invalid: ${path}${detail}`, 'run `synapsor-runner config validate` and fix each error');
}

/** Warns when a visible or allowed column is flagged sensitive or large/binary by inspection. */
export function sensitiveColumnsCheck(config: RunnerConfig, inspections: Record<string, Inspection | null>): Check {
  const flagged: string[] = [];
  let inspected = false;
  for (const capability of config.capabilities) {
    const inspection = inspections[capability.source];
    if (!inspection) continue;
    const table = findInspectedTable(inspection, capability.target.schema, capability.target.table);
    if (!table) continue;
    inspected = true;
    const exposed = new Set([...capability.visible_columns, ...(capability.kind === 'proposal' ? capability.allowed_columns : [])]);
    for (const column of table.columns) {
      const restricted = column.suggestions.includes('sensitive') || column.suggestions.includes('large_binary');
      if (restricted && exposed.has(column.name)) flagged.push(`${capability.name}: ${column.name}`);
    }
  }
  if (!inspected) return skipCheck('sensitive_columns', 'no target could be inspected');
  return flagged.length === 0
    ? passCheck('sensitive_columns', 'no visible or allowed column looks sensitive or large/binary')
    : warnCheck('sensitive_columns', `sensitive or large/binary columns exposed: ${[...new Set(flagged)].join(', ')}`, 'remove them from visible_columns/allowed_columns, or expose a safe view instead');
}

export function toolBoundaryCheck(boundary: readonly BoundaryCheck[] | null): Check {
  if (boundary === null) return skipCheck('tool_boundary', 'the config is invalid; no tools compiled');
  const failed = boundary.filter((check) => check.status === 'fail');
  return failed.length === 0
    ? passCheck('tool_boundary', `${boundary.length} boundary checks passed`)
    : failCheck('tool_boundary', failed.map((check) => check.message).join('; '), 'rename the tool or argument; run `synapsor-runner tools preview` for details');
}

export interface LedgerFacts {
  schema_version: number;
  chain_head_seq: number;
  chain_ok: boolean;
  lease: { live: boolean; pid: number; transport: string } | null;
}

export function ledgerCheck(path: string, facts: LedgerFacts | { error: string }): Check {
  if ('error' in facts) return failCheck('ledger', `ledger ${path}: ${facts.error}`, 'check the store path (--store, SYNAPSOR_LOCAL_STORE or storage.sqlite_path)');
  if (!facts.chain_ok) return failCheck('ledger', `ledger ${path}: the event hash chain is broken`, 'run `synapsor-runner store verify`');
  const lease = facts.lease?.live ? `; served by pid ${facts.lease.pid} (${facts.lease.transport})` : '; no live server lease';
  return passCheck('ledger', `ledger ${path}: schema ${facts.schema_version}, chain head ${facts.chain_head_seq}${lease}`);
}

/** `handler_reachable`: any HTTP answer to OPTIONS counts; no answer fails. */
export function handlerReachableCheck(results: Record<string, 'answered' | 'no_answer' | 'url_missing'> | null): Check {
  if (results === null) return skipCheck('handler_reachable', 'run with --check-handlers to probe handlers (OPTIONS, never a job)');
  const entries = Object.entries(results);
  if (entries.length === 0) return skipCheck('handler_reachable', 'no http_handler executor');
  const down = entries.filter(([, result]) => result !== 'answered');
  if (down.length === 0) return passCheck('handler_reachable', `handlers answered: ${entries.map(([name]) => name).join(', ')}`);
  return failCheck('handler_reachable', `handlers not reachable: ${down.map(([name, result]) => `${name} (${result === 'url_missing' ? 'URL env missing' : 'connection failed'})`).join(', ')}`, 'start the handler and check its URL env var');
}

/** Placeholders for probe checks that did not run, so every cli.md check id is reported. */
export function skippedProbeChecks(present: readonly Check[], checkWriteback: boolean): Check[] {
  const ids = new Set(present.map((check) => check.id));
  const missing: Check[] = [];
  for (const id of ['reader_privileges', 'target_objects', 'columns']) if (!ids.has(id)) missing.push(skipCheck(id, 'the reader was not probed (see read_url_env)'));
  const why = checkWriteback ? 'no sql_update proposal with a writer URL to probe' : 'run with --check-writeback to probe the writer (rolled back)';
  for (const id of ['receipts_table', 'writeback_probe']) if (!ids.has(id)) missing.push(skipCheck(id, why));
  return missing;
}

/** cli.md order of doctor check ids; adapter-only ids (connections) sit next to their group. */
export const DOCTOR_CHECK_ORDER = [
  'config_valid', 'trusted_context_env', 'read_url_env', 'write_url_env', 'credential_split', 'reader_connection',
  'reader_privileges', 'target_objects', 'columns', 'sensitive_columns', 'writer_connection', 'receipts_table',
  'writeback_probe', 'executor_env', 'handler_reachable', 'handler_signing', 'tool_boundary', 'ledger',
] as const;

export function orderChecks(checks: readonly Check[]): Check[] {
  const rank = (id: string) => {
    const at = (DOCTOR_CHECK_ORDER as readonly string[]).indexOf(id);
    return at === -1 ? DOCTOR_CHECK_ORDER.length : at;
  };
  return checks.map((check, index) => ({ check, index })).sort((a, b) => rank(a.check.id) - rank(b.check.id) || a.index - b.index).map(({ check }) => check);
}
