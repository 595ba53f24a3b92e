import { recipeListEntry, type Engine } from '@synapsor/core';
import type { CommandGroup } from '../support/command.js';
import { action } from '../support/command.js';
import { choiceFlag } from '../support/flags.js';
import { printJson, printLines } from '../support/output.js';
import { loadRecipe, recipeIds } from '../onboarding/recipe-files.js';
import { runInit } from '../onboarding/init-run.js';
import { initLines, initSummary } from './init.js';

interface RecipeInitFlags {
  engine?: Engine;
  mode?: 'read_only' | 'shadow' | 'review';
  output?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export const registerRecipes: CommandGroup = (program, context) => {
  const { io } = context;
  const recipes = program.command('recipes').description('starter contracts for common reviewed actions');

  recipes
    .command('list')
    .description('the shipped recipes')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options) => {
        const entries = await Promise.all(recipeIds().map(async (id) => recipeListEntry(await loadRecipe(id, io.cwd))));
        if (options.json) printJson(io, { ok: true, recipes: entries });
        else printLines(io, entries.map((entry) => `${entry.id.padEnd(28)}${entry.title} (${entry.engine} ${entry.table}: ${entry.tools.join(', ')})`));
      }),
    );

  recipes
    .command('show')
    .description('one recipe: table expectations, tools, notes and the init spec')
    .argument('<id|file>', 'recipe id or a recipe file')
    .option('--json', 'JSON output')
    .action(
      action<{ json?: boolean }>(context, async (options, args) => {
        const recipe = await loadRecipe(args[0]!, io.cwd);
        if (options.json) {
          printJson(io, { ok: true, recipe });
          return;
        }
        printLines(io, [
          `${recipe.id}: ${recipe.title}`,
          recipe.summary,
          `table: ${recipe.spec.table} (${recipe.expected_table_type}); required columns: ${recipe.required_columns.join(', ')}`,
          `keys: primary ${recipe.recommended_primary_key}, tenant ${recipe.recommended_tenant_key}, conflict ${recipe.recommended_conflict_column}`,
          `visible: ${recipe.visible_columns.join(', ')}`,
          `writes: ${recipe.allowed_write_columns.join(', ')}`,
          `tools: ${recipe.semantic_tools.join(', ')}`,
          'notes:',
          ...recipe.notes.map((note) => `  - ${note}`),
          `start: synapsor-runner recipes init ${recipe.id}   (or: init --recipe ${recipe.id} --from-env DATABASE_URL)`,
        ]);
      }),
    );

  recipes
    .command('init')
    .description('write a config from a recipe (no database needed; read_only drops patch and guards)')
    .argument('<id|file>', 'recipe id or a recipe file')
    .option('--engine <engine>', 'postgres or mysql', choiceFlag('--engine', ['postgres', 'mysql'] as const))
    .option('--mode <mode>', 'read_only, shadow or review', choiceFlag('--mode', ['read_only', 'shadow', 'review'] as const))
    .option('--output <file>', 'config path (default ./synapsor.runner.json)')
    .option('--force', 'overwrite existing files')
    .option('--dry-run', 'print what would be written')
    .option('--json', 'JSON output')
    .action(
      action<RecipeInitFlags>(context, async (options, args) => {
        const flags = { ...options, recipe: args[0]! };
        const outcome = await runInit(io, flags);
        const summary = initSummary(io, outcome, flags);
        if (options.json) printJson(io, summary);
        else printLines(options.dryRun ? { ...io, stdout: io.stderr } : io, initLines(summary));
      }),
    );
};
