// @synapsor/writeback-executors — apply orchestration and the three executors (writeback.md).
export { apply, applyJobFile } from './apply/apply.js';
export { validateJobShape, WritebackJobSchema, type JobShapeIssue, type JobShapeResult } from './apply/job-schema.js';
export type { ApplyOptions, ApplyResult, ApplyCheck, ApplyRefusal } from './apply/types.js';
export { buildWritebackJob, idempotencyKeyFor, clampLeaseSeconds, writebackJobIdFor, DEFAULT_LEASE_SECONDS } from './apply/job.js';
export { isLeaseStale } from './apply/lease.js';
export { createSqlUpdateExecutor } from './executors/sql-update.js';
export { createHttpHandlerExecutor } from './executors/http-handler.js';
export { createCommandHandlerExecutor, childEnvironment } from './executors/command-handler.js';
export { splitCommandLine } from './executors/argv.js';
export { buildHandlerRequest, serializeHandlerRequest, type HandlerRequestBody } from './executors/handler-request.js';
export { parseHandlerReceipt } from './executors/handler-receipt.js';
export { buildExecutionReceipt, type AttemptOutcome } from './executors/receipt.js';
export type { HttpHandlerSettings, CommandHandlerSettings, HandlerSettings } from './executors/settings.js';
export { renderHandlerTemplate, listHandlerTemplates } from './templates.js';
