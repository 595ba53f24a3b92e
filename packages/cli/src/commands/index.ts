import type { CommandGroup } from '../support/command.js';
import { registerApply, registerValidate } from './apply.js';
import { registerConfig } from './config.js';
import { registerDemo } from './demo.js';
import { registerMcp } from './mcp.js';
import { registerProposals } from './proposals.js';
import { registerTools } from './tools.js';
import { registerActivity } from './activity.js';
import { registerAudit } from './audit.js';
import { registerEvents } from './events.js';
import { registerEvidence } from './evidence.js';
import { registerHandler } from './handler.js';
import { registerQueryAudit } from './query-audit.js';
import { registerReceipts } from './receipts.js';
import { registerReplay } from './replay.js';
import { registerStore } from './store.js';
import { registerWriteback } from './writeback.js';

/** Command groups in help order (cli.md command tree). */
export const commandGroups: readonly CommandGroup[] = [
  registerDemo,
  registerConfig,
  registerTools,
  registerMcp,
  registerProposals,
  registerApply,
  registerValidate,
  // ledger inspection, utilities and audit (audit after mcp: it mounts `mcp audit`)
  registerHandler,
  registerWriteback,
  registerReplay,
  registerEvidence,
  registerQueryAudit,
  registerReceipts,
  registerActivity,
  registerEvents,
  registerStore,
  registerAudit,
];

// Onboarding (issue 8): appended, not reordered.
import { registerInspect } from './inspect.js';
import { registerInit } from './init.js';
import { registerDoctor } from './doctor.js';
import { registerOnboard } from './onboard.js';
import { registerRecipes } from './recipes.js';
import { registerUp } from './up.js';
(commandGroups as CommandGroup[]).push(registerInspect, registerInit, registerOnboard, registerRecipes, registerDoctor, registerUp);
import { registerBenchmark } from './benchmark.js'; (commandGroups as CommandGroup[]).push(registerBenchmark);
