import { isProposalCapability, type CapabilityConfig } from '../config/index.js';
import { resolveTrustedContext } from '../context/index.js';
import { isSynapsorError, SynapsorError, toSafeErrorCode } from '../errors/index.js';
import { isoNow, newId } from '../ids/index.js';
import type { CompiledTools } from '../tools/index.js';
import { validateArguments } from '../tools/index.js';
import { metaOf, type CallTrace, type RuntimeDeps } from './context.js';
import { readExactlyOneRow, readRecordedEvent } from './execute-read.js';
import { proposeChange } from './propose.js';
import { readRecords } from './read-records.js';
import { failureResult, proposalResult, readResult } from './respond.js';
import type { CallLogEntry, ResultFormat, ToolCallResult } from './types.js';

export interface CallToolDeps extends RuntimeDeps {
  tools: CompiledTools;
  resultFormat: ResultFormat;
  logger: (entry: CallLogEntry) => void;
}

function resolveCapability(deps: CallToolDeps, name: string): CapabilityConfig {
  const capability = deps.tools.resolve(name) ?? deps.tools.resolveHidden(name);
  if (capability === null) throw new SynapsorError('MCP_TOOL_NOT_FOUND', 'No tool with this name is available.');
  return capability;
}

/** Steps 1–16 for one call; failures are thrown and turned into envelopes by `callTool`. */
async function runPipeline(deps: CallToolDeps, name: string, rawArgs: unknown, trace: CallTrace): Promise<ToolCallResult> {
  const capability = resolveCapability(deps, name);
  trace.action = capability.name;
  trace.kind = capability.kind;
  const args = validateArguments(capability, rawArgs);
  if (deps.mode === 'read_only' && isProposalCapability(capability)) {
    throw new SynapsorError('PROPOSALS_DISABLED', 'Proposals are turned off for this runner.');
  }
  const context = resolveTrustedContext(deps.config, capability, deps.env);
  trace.meta = metaOf(capability, context);
  const lookup = args[capability.lookup.id_from_arg];
  if (lookup === undefined || lookup === null) throw new SynapsorError('LOOKUP_ARG_MISSING', 'The lookup argument is missing.');
  const read = await readExactlyOneRow(deps, capability, lookup, context);

  if (isProposalCapability(capability)) {
    const outcome = await proposeChange(deps, capability, args, read, context, trace);
    return proposalResult(deps.resultFormat, { capability, context, ...outcome });
  }
  const evidenceBundleId = newId('ev', deps.random);
  const { evidence, audit } = readRecords(capability, read, context, { ...args }, {
    evidenceBundleId,
    proposalId: null,
    createdAt: isoNow(deps.clock),
  });
  await deps.store.recordRead({ evidence, query_audit: audit, event: readRecordedEvent(deps, context, audit, evidence) });
  trace.evidenceBundleId = evidenceBundleId;
  const visible = evidence.items[0]?.kind === 'external_row' ? evidence.items[0].visible_row : {};
  return readResult(deps.resultFormat, deps.mode, { capability, context, objectId: read.objectId, row: visible, evidenceBundleId });
}

function log(deps: CallToolDeps, entry: CallLogEntry): void {
  try {
    deps.logger(entry);
  } catch {
    // A broken logger must not turn a finished call into a failure.
  }
}

/** `tools/call`: never throws; every failure is an envelope, unknown errors become `INTERNAL` + ref. */
export async function callTool(deps: CallToolDeps, name: string, rawArgs: unknown): Promise<ToolCallResult> {
  const started = deps.clock.now().getTime();
  const trace: CallTrace = { action: name, kind: null, meta: {}, evidenceBundleId: null, proposalId: null };
  const elapsed = (): number => Math.max(0, deps.clock.now().getTime() - started);
  const ids = (): Pick<CallLogEntry, 'evidence_bundle_id' | 'proposal_id'> => ({
    ...(trace.evidenceBundleId ? { evidence_bundle_id: trace.evidenceBundleId } : {}),
    ...(trace.proposalId ? { proposal_id: trace.proposalId } : {}),
  });
  try {
    const result = await runPipeline(deps, name, rawArgs, trace);
    log(deps, { tool: trace.action, kind: trace.kind, outcome: 'ok', duration_ms: elapsed(), ...ids() });
    return result;
  } catch (error) {
    const code = isSynapsorError(error) ? error.code : 'INTERNAL';
    const message = isSynapsorError(error) ? error.message : '';
    const errorRef = toSafeErrorCode(code) === 'INTERNAL' ? newId('err', deps.random) : undefined;
    log(deps, {
      tool: trace.action,
      kind: trace.kind,
      outcome: code,
      duration_ms: elapsed(),
      ...ids(),
      ...(errorRef ? { error_ref: errorRef } : {}),
    });
    return failureResult(deps.resultFormat, trace, { code, message, ...(errorRef ? { errorRef } : {}) });
  }
}
