import * as v from 'valibot';
import { parseSelectionDocument } from './selection-document.js';
import type { InitSelection } from './types.js';

/** A starter contract (examples.md "Recipes"); `spec` is an `init --spec` selection. */
const RecipeSchema = v.strictObject({
  $schema: v.optional(v.string()),
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/)),
  title: v.pipe(v.string(), v.minLength(1)),
  summary: v.pipe(v.string(), v.minLength(1)),
  expected_table_type: v.picklist(['table', 'view']),
  required_columns: v.array(v.string()),
  recommended_primary_key: v.string(),
  recommended_tenant_key: v.string(),
  recommended_conflict_column: v.string(),
  visible_columns: v.array(v.string()),
  allowed_write_columns: v.array(v.string()),
  semantic_tools: v.array(v.string()),
  notes: v.array(v.string()),
  spec: v.record(v.string(), v.unknown()),
});

export type Recipe = Omit<v.InferOutput<typeof RecipeSchema>, 'spec'> & { spec: InitSelection };

export type RecipeParse = { ok: true; recipe: Recipe } | { ok: false; errors: string[] };

export function parseRecipe(json: unknown): RecipeParse {
  const parsed = v.safeParse(RecipeSchema, json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.map((issue) => `${(issue.path ?? []).map((item) => String(item.key)).join('.') || '(root)'}: expected ${issue.expected ?? 'a valid value'}`) };
  }
  const spec = parseSelectionDocument(parsed.output.spec);
  if (!spec.ok) return { ok: false, errors: spec.errors.map((error) => `spec.${error}`) };
  return { ok: true, recipe: { ...parsed.output, spec: spec.selection } };
}

/**
 * The selection a recipe starts `init` / `recipes init` with. `engine` and `mode` overrides
 * come from flags; `read_only` drops patch and guards (the resolver does the dropping).
 */
export function recipeSelection(recipe: Recipe, overrides: { engine?: InitSelection['engine']; mode?: InitSelection['mode'] } = {}): InitSelection {
  const selection: InitSelection = { ...recipe.spec };
  if (overrides.engine) {
    // A recipe's schema is engine specific (`public` vs a MySQL database): re-default it.
    if (overrides.engine !== recipe.spec.engine) delete selection.schema;
    selection.engine = overrides.engine;
  }
  if (overrides.mode) selection.mode = overrides.mode;
  return selection;
}

/** One-line listing entry. */
export function recipeListEntry(recipe: Recipe): { id: string; title: string; engine: string; table: string; tools: string[] } {
  return { id: recipe.id, title: recipe.title, engine: recipe.spec.engine ?? 'postgres', table: recipe.spec.table ?? '', tools: recipe.semantic_tools };
}
