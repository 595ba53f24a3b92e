import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecipe, type Recipe } from '@synapsor/core';
import { usageError } from '../support/errors.js';
import { readJsonFile } from './json-file.js';

/**
 * Where the shipped recipes can be: `dist/recipes` (copied there by the build, so it is in the
 * packed package; every dist chunk sits directly in `dist/`), then the repo-root `recipes/` for
 * a run from sources (`src/onboarding/` → four levels up).
 */
const RECIPE_DIR_CANDIDATES = [new URL('./recipes/', import.meta.url), new URL('../../../../recipes/', import.meta.url)];

export function recipesDir(): string {
  for (const candidate of RECIPE_DIR_CANDIDATES) {
    const dir = fileURLToPath(candidate);
    if (existsSync(join(dir, 'billing.late_fee_waiver.json'))) return dir;
  }
  throw usageError('RECIPES_NOT_FOUND', 'the recipes folder is not installed with the CLI');
}

export function recipeIds(): string[] {
  return readdirSync(recipesDir())
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** `<id>` of a shipped recipe, or a path to a recipe file (anything with a `/` or `.json`). */
export async function loadRecipe(idOrFile: string, cwd: string): Promise<Recipe> {
  const isFile = idOrFile.includes('/') || idOrFile.endsWith('.json');
  if (!isFile && !recipeIds().includes(idOrFile)) {
    throw usageError('RECIPE_NOT_FOUND', `unknown recipe ${idOrFile}; run \`synapsor-runner recipes list\``);
  }
  const path = isFile ? resolve(cwd, idOrFile) : join(recipesDir(), `${idOrFile}.json`);
  const parsed = parseRecipe(await readJsonFile('recipe', path));
  if (!parsed.ok) throw usageError('RECIPE_INVALID', `recipe ${idOrFile} is invalid: ${parsed.errors.join('; ')}`);
  return parsed.recipe;
}
