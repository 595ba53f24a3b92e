import type { PathSegment } from './path.js';
import { isPlainObject } from './json.js';

/**
 * Position of a path in the document as a list of indices (key order as parsed, array
 * indices). A key that is absent (a missing required field) sorts after its present siblings.
 */
function positionOf(root: unknown, path: readonly PathSegment[]): number[] {
  const position: number[] = [];
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') {
      position.push(segment);
      current = current[segment];
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current);
      const index = keys.indexOf(String(segment));
      position.push(index === -1 ? keys.length : index);
      current = index === -1 ? undefined : current[String(segment)];
    } else {
      position.push(0);
      current = undefined;
    }
  }
  return position;
}

/** Lexicographic; a parent sorts before its children. */
export function compareDocumentOrder(root: unknown, a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const pa = positionOf(root, a);
  const pb = positionOf(root, b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  }
  return pa.length - pb.length;
}
