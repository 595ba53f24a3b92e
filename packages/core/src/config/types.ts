import type * as v from 'valibot';
import type { RunnerConfigSchema, ModeSchema } from './schema.js';
import type { SourceSchema } from './schema-source.js';
import type {
  ContextSchema,
  EnvironmentContextSchema,
  HttpClaimsContextSchema,
  StaticDevContextSchema,
} from './schema-context.js';
import type {
  CommandHandlerExecutorSchema,
  ExecutorSchema,
  HttpHandlerExecutorSchema,
  SqlUpdateExecutorSchema,
} from './schema-executor.js';
import type { ProposalCapabilitySchema, ReadCapabilitySchema, TargetSchema } from './schema-capability.js';
import type { ArgsSchema } from './schema-arg.js';
import type {
  ApprovalSchema,
  ConflictGuardSchema,
  NumericBoundSchema,
  TransitionGuardSchema,
} from './schema-proposal.js';

// `ExecutorType` and `CapabilityKind` are the records' unions (records/), not redeclared here.

/** Normalised config types: valibot OUTPUT types, i.e. with every default applied. */
export type RunnerConfig = v.InferOutput<typeof RunnerConfigSchema>;
export type ConfigMode = v.InferOutput<typeof ModeSchema>;
export type SourceConfig = v.InferOutput<typeof SourceSchema>;
export type ContextConfig = v.InferOutput<typeof ContextSchema>;
export type EnvironmentContextConfig = v.InferOutput<typeof EnvironmentContextSchema>;
export type StaticDevContextConfig = v.InferOutput<typeof StaticDevContextSchema>;
export type HttpClaimsContextConfig = v.InferOutput<typeof HttpClaimsContextSchema>;
export type ContextProvider = ContextConfig['provider'];
export type ExecutorConfig = v.InferOutput<typeof ExecutorSchema>;
export type SqlUpdateExecutorConfig = v.InferOutput<typeof SqlUpdateExecutorSchema>;
export type HttpHandlerExecutorConfig = v.InferOutput<typeof HttpHandlerExecutorSchema>;
export type CommandHandlerExecutorConfig = v.InferOutput<typeof CommandHandlerExecutorSchema>;
export type ReadCapabilityConfig = v.InferOutput<typeof ReadCapabilitySchema>;
export type ProposalCapabilityConfig = v.InferOutput<typeof ProposalCapabilitySchema>;
export type CapabilityConfig = ReadCapabilityConfig | ProposalCapabilityConfig;
export type TargetConfig = v.InferOutput<typeof TargetSchema>;
export type ArgSpec = v.InferOutput<typeof ArgsSchema>[string];
export type ArgType = ArgSpec['type'];
export type ConflictGuardConfig = v.InferOutput<typeof ConflictGuardSchema>;
export type ApprovalConfig = v.InferOutput<typeof ApprovalSchema>;
export type TransitionGuardConfig = v.InferOutput<typeof TransitionGuardSchema>;
export type NumericBoundConfig = v.InferOutput<typeof NumericBoundSchema>;
export type { PatchBinding } from './schema-proposal.js';
