import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecipe, type Recipe } from '@synapsor/core';
import { usageError } from '../support/errors.js';
import { readJsonFile } from './json-file.js';

/**
 * The shipped `recipes/` folder: the nearest ancestor of this module that has one (the repo
 * root in a checkout; the package root once recipes are packed with the CLI).
 */
export function recipesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'recipes');
    if (existsSync(join(candidate, 'billing.late_fee_waiver.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw usageError('RECIPES_NOT_FOUND', 'the recipes folder is not installed next to the CLI');
    dir = parent;
  }
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
