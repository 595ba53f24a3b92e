import type { PathSegment } from '../path.js';
import type { ContextConfig } from '../types.js';
import { BUILTIN_SQL_UPDATE } from '../capability-helpers.js';
import type { ConfigView } from './view.js';

function checkSources(view: ConfigView): void {
  for (const [name, source] of view.sources) {
    if (source.write_url_env !== undefined && source.write_url_env === source.read_url_env) {
      view.report(
        ['sources', name, 'write_url_env'],
        'SHARED_CREDENTIAL_ENV',
        'warning',
        `read_url_env and write_url_env both name ${source.read_url_env}; reads then run with the writer's credentials`,
      );
    }
  }
}

function checkContext(view: ConfigView, path: PathSegment[], context: ContextConfig): void {
  if (context.provider === 'static_dev') {
    view.report([...path, 'provider'], 'STATIC_DEV_CONTEXT', 'warning');
    const { tenant_id, tenant_id_env, principal, principal_env } = context.values;
    if (tenant_id === undefined && tenant_id_env === undefined) {
      view.report([...path, 'values'], 'INVALID_CONTEXT_VALUES', 'error', 'static_dev needs tenant_id or tenant_id_env');
    }
    if (principal === undefined && principal_env === undefined) {
      view.report([...path, 'values'], 'INVALID_CONTEXT_VALUES', 'error', 'static_dev needs principal or principal_env');
    }
  } else if (context.provider === 'http_claims') {
    view.report([...path, 'provider'], 'HTTP_CLAIMS_NOT_YET_SUPPORTED', 'warning');
  }
}

function checkContexts(view: ConfigView): void {
  if (view.trustedContext) checkContext(view, ['trusted_context'], view.trustedContext);
  for (const [name, context] of view.contexts) checkContext(view, ['contexts', name], context);
}

function checkExecutors(view: ConfigView): void {
  for (const [name, executor] of view.executors) {
    const path = ['executors', name];
    // The built-in name may only be re-declared as itself, never shadowed by a handler.
    if (name === BUILTIN_SQL_UPDATE && executor.type !== 'sql_update') {
      view.report(path, 'INVALID_EXECUTOR_NAME', 'error', 'the name sql_update is reserved for the built-in executor');
    }
    if (executor.type !== 'http_handler') continue;
    if (executor.auth === undefined) view.report([...path, 'auth'], 'HANDLER_AUTH_DISABLED', 'warning');
    if (executor.signing_secret_env === undefined) {
      view.report([...path, 'signing_secret_env'], 'HANDLER_SIGNING_DISABLED', 'warning');
    }
  }
}

export function checkSections(view: ConfigView): void {
  checkSources(view);
  checkContexts(view);
  checkExecutors(view);
}
