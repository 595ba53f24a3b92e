import type { ProposalRecord } from '@synapsor/core';
import { buildHandlerRequest, serializeHandlerRequest } from '../../src/executors/handler-request.js';
import { signHandlerRequest } from '../../src/handler.js';
import { jobAndContext } from './context.js';
import { makeProposal } from './fixtures.js';

export const HANDLER_ENV = { SYNAPSOR_APP_WRITEBACK_TOKEN: 'app-token-0123456789', SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET: 'app-signing-secret-abcdef' };

/** What the runner would send for `proposal`: raw bytes plus the signed headers. */
export function signedRequest(options: { proposal?: ProposalRecord; dryRun?: boolean; mutateBody?: (body: any) => void } = {}) {
  const proposal = options.proposal ?? makeProposal({ action: 'billing.propose_waiver_via_api', executor: 'billing_api' });
  const { job, context } = jobAndContext({ proposal, dryRun: options.dryRun });
  const body = buildHandlerRequest(job, context);
  options.mutateBody?.(body);
  const rawBody = serializeHandlerRequest(body);
  const headers: Record<string, string> = {
    authorization: `Bearer ${HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_TOKEN}`,
    'x-synapsor-signature': signHandlerRequest(rawBody, HANDLER_ENV.SYNAPSOR_APP_WRITEBACK_SIGNING_SECRET),
    'x-synapsor-issued-at': body.issued_at,
    'x-synapsor-proposal-id': body.proposal_id,
    'idempotency-key': body.idempotency_key,
    'content-type': 'application/json',
  };
  return { method: 'POST', headers, rawBody, body, proposal };
}
