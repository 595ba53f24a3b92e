import { runReadSafeCodeConformance } from '@synapsor/core/testing';
import { createMysqlAdapter } from '../src/index.js';
import { plan } from './support/mysql.js';

runReadSafeCodeConformance('mysql', {
  adapter: (env) => createMysqlAdapter({ sourceId: 'app_mysql', readUrlEnv: 'READ_URL', statementTimeoutMs: 2000, poolMax: 1, env }),
  plan: plan('app'),
  unreachableUrl: 'mysql://reader@127.0.0.1:1/app',
});
