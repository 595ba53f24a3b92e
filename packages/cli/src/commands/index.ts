import type { CommandGroup } from '../support/command.js';
import { registerActivity } from './activity.js';
import { registerApply, registerValidate } from './apply.js';
import { registerAudit } from './audit.js';
import { registerBenchmark } from './benchmark.js';
import { registerConfig } from './config.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerEvents } from './events.js';
import { registerEvidence } from './evidence.js';
import { registerHandler } from './handler.js';
import { registerInit } from './init.js';
import { registerInspect } from './inspect.js';
import { registerMcp } from './mcp.js';
import { registerOnboard } from './onboard.js';
import { registerProposals } from './proposals.js';
import { registerQueryAudit } from './query-audit.js';
import { registerReceipts } from './receipts.js';
import { registerRecipes } from './recipes.js';
import { registerReplay } from './replay.js';
import { registerStore } from './store.js';
import { registerTools } from './tools.js';
import { registerUp } from './up.js';
import { registerWriteback } from './writeback.js';

/**
 * Command groups in the order of cli.md's command tree (first run, model surface, review and
 * apply, ledger, audit and benchmark). `audit` comes after `mcp` because it also mounts `mcp audit`.
 */
export const commandGroups: readonly CommandGroup[] = [
  registerDemo,
  registerInspect,
  registerInit,
  registerOnboard,
  registerConfig,
  registerRecipes,
  registerHandler,
  registerDoctor,
  registerUp,
  registerTools,
  registerMcp,
  registerProposals,
  registerApply,
  registerValidate,
  registerWriteback,
  registerReplay,
  registerEvidence,
  registerQueryAudit,
  registerReceipts,
  registerActivity,
  registerEvents,
  registerStore,
  registerAudit,
  registerBenchmark,
];
