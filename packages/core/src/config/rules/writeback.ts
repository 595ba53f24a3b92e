import type { PathSegment } from '../path.js';
import type { ProposalCapabilityConfig } from '../types.js';
import type { ExecutorType } from '../../records/index.js';
import { BUILTIN_SQL_UPDATE } from '../capability-helpers.js';
import type { ConfigView } from './view.js';

/** Executor type as far as the view can tell; undefined when the executor is unknown or invalid. */
function resolvedExecutorType(view: ConfigView, c: ProposalCapabilityConfig): ExecutorType | undefined {
  if (c.executor === undefined) return 'sql_update';
  if (view.executorNames.has(c.executor)) return view.executors.get(c.executor)?.type;
  return c.executor === BUILTIN_SQL_UPDATE ? 'sql_update' : undefined;
}

/** config.md "Mode and writeback checks". */
export function checkWriteback(view: ConfigView, c: ProposalCapabilityConfig, base: PathSegment[]): void {
  const type = resolvedExecutorType(view, c);
  if (type === undefined) return;
  if (type !== 'sql_update') {
    if (c.conflict_guard.bump !== undefined) {
      view.report([...base, 'conflict_guard', 'bump'], 'BUMP_IGNORED_FOR_EXECUTOR', 'warning');
    }
    return;
  }
  const source = view.sources.get(c.source);
  if (source === undefined) return;
  if (source.read_only) view.report([...base, 'source'], 'READ_ONLY_SOURCE_DIRECT_WRITEBACK');
  else if (view.mode === 'review' && source.write_url_env === undefined) {
    view.report([...base, 'source'], 'WRITEBACK_DISABLED', 'warning');
  }
}
