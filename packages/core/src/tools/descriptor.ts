import type { CapabilityConfig } from '../config/index.js';
import { ENVELOPE_V2_SCHEMA } from '../envelope/index.js';
import type { JsonObject } from '../records/index.js';
import type { AliasMode, ResultFormat, ToolDescriptor } from '../runtime/types.js';
import { DEFAULT_MAX_STRING_LENGTH } from './arguments.js';

/*
 * Generated text must pass audit.md's classifiers with zero HIGH findings: no write verb or SQL
 * phrase other than "propose"/"proposal".
 */
const READ_SENTENCE = 'The evidence id in the result is an audit handle; no action is needed.';
const PROPOSAL_SENTENCE =
  'This records a proposal only; the database stays unchanged until a person reviews it outside this tool. The evidence id is an audit handle.';

function defaultDescription(capability: CapabilityConfig): string {
  const table = capability.target.table;
  return capability.kind === 'read'
    ? `Look up one ${table} record by ${capability.lookup.id_from_arg} within the caller's tenant. Read-only.`
    : `Prepare a proposal for one ${table} record for human review.`;
}

export function toolDescription(capability: CapabilityConfig, exposedName: string): string {
  const parts: string[] = [];
  if (exposedName !== capability.name) parts.push(`Canonical Synapsor capability: ${capability.name}.`);
  parts.push(capability.description ?? defaultDescription(capability));
  if (capability.returns_hint !== undefined) parts.push(capability.returns_hint);
  parts.push(capability.kind === 'read' ? READ_SENTENCE : PROPOSAL_SENTENCE);
  return parts.join(' ');
}

export function inputSchemaOf(capability: CapabilityConfig): ToolDescriptor['inputSchema'] {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(capability.args)) {
    const property: JsonObject = { type: spec.type, description: spec.description ?? `${name} business argument` };
    if (spec.type === 'string') property.maxLength = spec.max_length ?? DEFAULT_MAX_STRING_LENGTH;
    if (spec.minimum !== undefined) property.minimum = spec.minimum;
    if (spec.maximum !== undefined) property.maximum = spec.maximum;
    if (spec.enum !== undefined) property.enum = [...spec.enum];
    properties[name] = property;
    if (spec.required !== false) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

export interface DescriptorOptions {
  exposedName: string;
  aliasMode: AliasMode;
  resultFormat: ResultFormat;
}

export function toolDescriptor(capability: CapabilityConfig, options: DescriptorOptions): ToolDescriptor {
  const isRead = capability.kind === 'read';
  const descriptor: ToolDescriptor = {
    name: options.exposedName,
    description: toolDescription(capability, options.exposedName),
    inputSchema: inputSchemaOf(capability),
    annotations: { readOnlyHint: isRead, destructiveHint: false, idempotentHint: isRead, openWorldHint: false },
    _meta: {
      'synapsor.kind': capability.kind,
      'synapsor.source': capability.source,
      'synapsor.target': `${capability.target.schema}.${capability.target.table}`,
      'synapsor.canonical_tool_name': capability.name,
      'synapsor.exposed_tool_name': options.exposedName,
      'synapsor.tool_name_style': options.aliasMode,
      'synapsor.raw_sql_exposed': false,
      'synapsor.approval_tool': false,
    },
  };
  if (options.resultFormat === 2) descriptor.outputSchema = ENVELOPE_V2_SCHEMA;
  return descriptor;
}
