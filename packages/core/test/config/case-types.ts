import type { Json } from './helpers.js';

/** One table row: mutate the base config, expect `code` at `path`. */
export interface CodeCase {
  title: string;
  code: string;
  path: string;
  mutate: (c: Json) => void;
  /** Warning cases also assert that the config stays valid. */
  warning?: boolean;
}
