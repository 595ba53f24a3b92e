import type { PathSegment } from '../path.js';
import { own } from '../json.js';
import type { CapabilityConfig } from '../types.js';
import { BUILTIN_SQL_UPDATE, isProposalCapability } from '../capability-helpers.js';
import type { ConfigView } from './view.js';
import { checkArgs } from './args.js';
import { checkProposal } from './proposal.js';
import { checkWriteback } from './writeback.js';
import { reportDuplicates } from './duplicates.js';

/**
 * References are checked on every capability object, even one with errors elsewhere: a typo in
 * `source` should surface together with the other problems, not after they are fixed.
 */
function checkReferences(view: ConfigView, raw: unknown, base: PathSegment[]): void {
  const source = own(raw, 'source');
  const context = own(raw, 'context');
  const executor = own(raw, 'executor');
  if (typeof source === 'string' && !view.sourceNames.has(source)) view.report([...base, 'source'], 'UNKNOWN_SOURCE');
  if (typeof context === 'string' && !view.contextNames.has(context)) view.report([...base, 'context'], 'UNKNOWN_CONTEXT');
  const isProposal = own(raw, 'kind') === 'proposal';
  if (isProposal && typeof executor === 'string' && executor !== BUILTIN_SQL_UPDATE && !view.executorNames.has(executor)) {
    view.report([...base, 'executor'], 'UNKNOWN_EXECUTOR');
  }
}

function checkTenantGuard(view: ConfigView, c: CapabilityConfig, base: PathSegment[]): void {
  const target = [...base, 'target'];
  const devException = c.target.single_tenant_dev === true;
  if (c.target.tenant_key === undefined && !devException) view.report([...target, 'tenant_key'], 'TENANT_GUARD_REQUIRED');
  else if (c.target.tenant_key !== undefined && devException) view.report([...target, 'single_tenant_dev'], 'INVALID_TENANT_GUARD');
  else if (devException) view.report([...target, 'single_tenant_dev'], 'SINGLE_TENANT_DEV_EXCEPTION', 'warning');
}

function checkLookup(view: ConfigView, c: CapabilityConfig, base: PathSegment[]): void {
  const path = [...base, 'lookup', 'id_from_arg'];
  const name = c.lookup.id_from_arg;
  const arg = Object.hasOwn(c.args, name) ? c.args[name] : undefined;
  if (arg === undefined) view.report(path, 'LOOKUP_ARG_UNKNOWN');
  else if (!arg.required) view.report(path, 'LOOKUP_ARG_MUST_BE_REQUIRED');
}

export function checkCapability(view: ConfigView, index: number, c: CapabilityConfig): void {
  const base: PathSegment[] = ['capabilities', index];
  checkTenantGuard(view, c, base);
  checkArgs(c.args, base, view.report);
  checkLookup(view, c, base);
  reportDuplicates(c.visible_columns, [...base, 'visible_columns'], 'INVALID_VISIBLE_COLUMN', view);
  if (c.max_rows !== undefined && c.max_rows !== 1) view.report([...base, 'max_rows'], 'MAX_ROWS_NOT_ONE', 'warning');
  if (isProposalCapability(c)) {
    checkProposal(view, c, base);
    checkWriteback(view, c, base);
  }
}

export function checkCapabilities(view: ConfigView): void {
  const raw = own(view.raw, 'capabilities');
  if (Array.isArray(raw)) raw.forEach((c, index) => checkReferences(view, c, ['capabilities', index]));
  for (const { index, capability } of view.capabilities) checkCapability(view, index, capability);
}
