import { relative, resolve } from 'node:path';
import {
  generateInitConfig,
  mergeSelections,
  parseSelectionDocument,
  recipeSelection,
  STARTER_SELECTION,
  type InitGeneration,
  type InitSelection,
  type Inspection,
} from '@synapsor/core';
import { CliError, usageError } from '../support/errors.js';
import type { CliIo } from '../support/io.js';
import { initFiles } from './init-files.js';
import { hasSelectionSource, selectionFromFlags, type InitFlags } from './init-flags.js';
import { readJsonFile } from './json-file.js';
import { loadRecipe } from './recipe-files.js';
import { writePlannedFiles, type PlannedFile } from './file-plan.js';
import { inspectSource, resolveSourceTarget } from './source-inspection.js';

export interface InitOutcome {
  configPath: string;
  generation: InitGeneration;
  files: PlannedFile[];
  starter: boolean;
  inspected: boolean;
}

async function documentLayer(flag: string, path: string | undefined, cwd: string): Promise<InitSelection | undefined> {
  if (!path) return undefined;
  const parsed = parseSelectionDocument(await readJsonFile(flag, resolve(cwd, path)));
  if (!parsed.ok) throw usageError('INPUT_INVALID', `${flag} ${path}: ${parsed.errors.join('; ')}`);
  return parsed.selection;
}

/** recipe < spec < answers < flags; the starter when nothing names a table or a source. */
async function selectionLayers(io: CliIo, flags: InitFlags): Promise<{ selection: InitSelection; starter: boolean }> {
  const fromFlags = selectionFromFlags(flags);
  const starter = Boolean(flags.starter) || !hasSelectionSource(flags);
  if (starter) return { selection: mergeSelections(STARTER_SELECTION, fromFlags), starter: true };
  const engine = flags.engine && flags.engine !== 'auto' ? flags.engine : undefined;
  const recipe = flags.recipe ? recipeSelection(await loadRecipe(flags.recipe, io.cwd), { ...(engine ? { engine } : {}), ...(flags.mode ? { mode: flags.mode } : {}) }) : undefined;
  const spec = await documentLayer('--spec', flags.spec, io.cwd);
  const answers = await documentLayer('--answers', flags.answers, io.cwd);
  return { selection: mergeSelections(recipe, spec, answers, fromFlags), starter: false };
}

/** Live inspection for `--from-env`; the detected engine replaces a file layer's engine (and its schema). */
async function inspectFor(io: CliIo, flags: InitFlags, selection: InitSelection): Promise<{ selection: InitSelection; inspection?: Inspection }> {
  if (!flags.fromEnv) return { selection };
  const target = resolveSourceTarget(io, { fromEnv: flags.fromEnv, ...(flags.engine ? { engine: flags.engine } : {}) });
  let adjusted = selection;
  if (selection.engine && selection.engine !== target.engine) {
    const { schema: _engineSpecific, ...rest } = selection;
    adjusted = { ...rest, ...(flags.schema ? { schema: flags.schema } : {}) };
  }
  adjusted = { ...adjusted, engine: target.engine };
  const inspection = await inspectSource(target, adjusted.schema ? [adjusted.schema] : []);
  return { selection: adjusted, inspection };
}

/**
 * `init` end to end: selection layers → live inspection → generation (refusals exit 2 and write
 * nothing) → file plan → write (never overwriting without `--force`; `--dry-run` prints).
 */
export async function runInit(io: CliIo, flags: InitFlags, options: { quiet?: boolean } = {}): Promise<InitOutcome> {
  const layered = await selectionLayers(io, flags);
  const { selection, inspection } = await inspectFor(io, flags, layered.selection);
  const generation = generateInitConfig(selection, { ...(inspection ? { inspection } : {}), allowSensitive: Boolean(flags.allowSensitive) });
  if (!generation.ok) {
    if (!flags.json && generation.refusals.length > 1) for (const refusal of generation.refusals) io.stderr(`refused ${refusal.code}: ${refusal.message}\n`);
    const first = generation.refusals[0]!;
    const more = generation.refusals.length > 1 ? ` (+${generation.refusals.length - 1} more)` : '';
    throw new CliError(first.code, `${first.message}${more}; nothing was written`, 2);
  }
  const configPath = resolve(io.cwd, flags.output ?? 'synapsor.runner.json');
  const files = await initFiles(generation, configPath, { emitHandler: Boolean(flags.emitHandler) });
  await writePlannedFiles(io, files, { force: Boolean(flags.force), dryRun: Boolean(flags.dryRun), quiet: Boolean(options.quiet || flags.json) });
  return { configPath, generation, files, starter: layered.starter, inspected: inspection !== undefined };
}

export function relativeFiles(io: CliIo, outcome: InitOutcome): string[] {
  return outcome.files.map((file) => relative(io.cwd, file.path) || file.path);
}
