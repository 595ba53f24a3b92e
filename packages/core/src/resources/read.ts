import type { RunnerConfig } from '../config/index.js';
import { resolveTrustedContext, type EnvMap } from '../context/index.js';
import { isoNow, type Clock } from '../ids/index.js';
import type { LedgerStore } from '../ports/index.js';
import type { JsonObject, ProposalRecord } from '../records/index.js';
import type { ResourceContents } from '../runtime/types.js';
import { ResourceError } from './error.js';
import { evidenceProjection, proposalProjection, replayProjection } from './projections.js';
import { parseResourceUri } from './uri.js';

export interface ResourceReaderDeps {
  config: RunnerConfig;
  env: EnvMap;
  store: LedgerStore;
  clock: Clock;
}

const notFound = (): never => {
  throw new ResourceError('not_found');
};

/**
 * `resources/read`: the caller's context is resolved with the context of the capability that
 * created the record; unknown, foreign-tenant and foreign-principal records all answer the same
 * `RESOURCE_NOT_FOUND`.
 */
export function createResourceReader(deps: ResourceReaderDeps): (uri: string) => Promise<ResourceContents> {
  const { config, env, store, clock } = deps;

  /** Visible columns of the owning capability when the caller may see the record, else not found. */
  function authorize(capabilityName: string, owner: { tenant_id: string; principal: string }): readonly string[] {
    const capability = config.capabilities.find((c) => c.name === capabilityName) ?? notFound();
    let context;
    try {
      context = resolveTrustedContext(config, capability, env);
    } catch {
      return notFound();
    }
    if (context.tenant_id !== owner.tenant_id || context.principal !== owner.principal) notFound();
    return capability.visible_columns;
  }

  async function projectProposal(proposal: ProposalRecord): Promise<JsonObject> {
    const visible = authorize(proposal.action, proposal);
    const [approvals, receipts] = await Promise.all([
      store.listApprovals(proposal.proposal_id),
      store.listReceiptsFor(proposal.proposal_id),
    ]);
    return proposalProjection(proposal, visible, approvals, receipts);
  }

  async function read(kind: 'evidence' | 'proposals' | 'replay', id: string): Promise<JsonObject> {
    if (kind === 'evidence') {
      const bundle = (await store.getEvidence(id)) ?? notFound();
      authorize(bundle.capability, bundle);
      return evidenceProjection(bundle);
    }
    // Touching a proposal expires it when due (read-and-proposal.md "Expiry").
    await store.expireDue(isoNow(clock));
    if (kind === 'proposals') {
      return projectProposal((await store.getProposal(id)) ?? notFound());
    }
    // `latest` and other non-record ids are not addressable through MCP.
    if (!id.startsWith('wrp_') && !id.startsWith('ev_')) notFound();
    const replay = (await store.replay(id, isoNow(clock))) ?? notFound();
    let proposal: JsonObject | null = null;
    if (replay.proposal) proposal = await projectProposal(replay.proposal);
    else {
      const subject = replay.evidence.find((bundle) => bundle.evidence_bundle_id === id) ?? notFound();
      authorize(subject.capability, subject);
    }
    return replayProjection(`replay_${id}`, proposal, replay.events, replay.evidence, replay.receipts);
  }

  return async (uri: string) => {
    const parsed = parseResourceUri(uri);
    const body = await read(parsed.kind, parsed.id);
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(body) }] };
  };
}
