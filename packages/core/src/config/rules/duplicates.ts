import type { PathSegment } from '../path.js';
import type { ConfigView } from './view.js';

/** Reports the second and later occurrence of each item. */
export function reportDuplicates(items: readonly string[], path: PathSegment[], code: string, view: ConfigView): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item)) view.report([...path, index], code, 'error', 'duplicate entry');
    seen.add(item);
  });
}
