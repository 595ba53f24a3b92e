import { runReadSafeCodeConformance } from '@synapsor/core/testing';
import { createPostgresAdapter } from '../src/index.js';
import { invoicePlan } from './support/plans.js';

runReadSafeCodeConformance('postgres', {
  adapter: (env) => createPostgresAdapter({ sourceId: 'app_postgres', readUrlEnv: 'READ_URL', statementTimeoutMs: 2000, poolMax: 1, env }),
  plan: invoicePlan('public'),
  unreachableUrl: 'postgres://reader@127.0.0.1:1/app',
});
