import * as v from 'valibot';
import { codesFor, envName, text } from './fields.js';
import { CLAIM_NAME_PATTERN } from './patterns.js';

const contextEnv = () => envName('INVALID_CONTEXT_ENV_NAME');
const values = <E extends v.ObjectEntries>(entries: E) => v.object(entries, 'INVALID_CONTEXT_VALUES');
const contextCodes = codesFor('INVALID_CONTEXT_PROVIDER', { values: 'INVALID_CONTEXT_VALUES' });
const claimName = () => v.pipe(v.string('INVALID_CLAIM_NAME'), v.regex(CLAIM_NAME_PATTERN, 'INVALID_CLAIM_NAME'));

export const EnvironmentContextSchema = v.object(
  {
    provider: v.literal('environment', 'INVALID_CONTEXT_PROVIDER'),
    values: values({
      tenant_id_env: v.optional(contextEnv(), 'SYNAPSOR_TENANT_ID'),
      principal_env: v.optional(contextEnv(), 'SYNAPSOR_PRINCIPAL'),
    }),
  },
  contextCodes,
);

/** Literal values and/or env names; "each needs one of the two" is a cross-field rule. */
export const StaticDevContextSchema = v.object(
  {
    provider: v.literal('static_dev', 'INVALID_CONTEXT_PROVIDER'),
    values: values({
      tenant_id: v.optional(text(1, 256, 'INVALID_CONTEXT_VALUES')),
      principal: v.optional(text(1, 256, 'INVALID_CONTEXT_VALUES')),
      tenant_id_env: v.optional(contextEnv()),
      principal_env: v.optional(contextEnv()),
    }),
  },
  contextCodes,
);

export const HttpClaimsContextSchema = v.object(
  {
    provider: v.literal('http_claims', 'INVALID_CONTEXT_PROVIDER'),
    values: values({
      tenant_id_claim: v.optional(claimName(), 'tenant_id'),
      principal_claim: v.optional(claimName(), 'sub'),
      issuer: v.optional(text(1, 2048, 'INVALID_CONTEXT_VALUES')),
      audience: v.optional(text(1, 2048, 'INVALID_CONTEXT_VALUES')),
      jwks_url_env: v.optional(contextEnv()),
    }),
  },
  contextCodes,
);

export const ContextSchema = v.variant(
  'provider',
  [EnvironmentContextSchema, StaticDevContextSchema, HttpClaimsContextSchema],
  'INVALID_CONTEXT_PROVIDER',
);
