// tokens (alias mcp-efficiency): what the model pays to see the reference tools and to do the
// late-fee task, vs a generic 4-tool raw-SQL surface. Tokenizer: gpt-tokenizer (pinned, o200k_base
// — the GPT-4o family encoding); other model families differ by roughly ±15 %.
// Floor per capability: `{name, inputSchema}` only — the irreducible part of a descriptor.
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { createReferenceWorkspace } from '../lib/reference-db.mjs';
import { RAW_SQL_TOOLS, rawSqlTranscript } from '../lib/raw-sql-task.mjs';
import { connectStdio } from '../lib/server.mjs';
import { figure, round } from '../lib/stats.mjs';

const TARGET = 250;
const INVOICE = 'INV-3001';
const tokens = (value) => encode(typeof value === 'string' ? value : JSON.stringify(value)).length;
const bytes = (value) => Buffer.byteLength(JSON.stringify(value));

/** Tokens each descriptor field contributes across the list (what to trim first). */
function byField(tools) {
  const fields = {};
  for (const tool of tools) {
    for (const [key, value] of Object.entries(tool)) fields[key] = (fields[key] ?? 0) + tokens(value);
  }
  return fields;
}

async function synapsorSide(workspace) {
  const server = await connectStdio(workspace);
  try {
    const { tools } = await server.client.listTools();
    const exchange = async (name, args) => {
      const result = await server.client.callTool({ name, arguments: args });
      // Hosts hand the model the text content; structuredContent carries the same envelope.
      return { request: JSON.stringify({ name, arguments: args }), response: JSON.stringify({ content: result.content }) };
    };
    const transcript = [
      await exchange('billing.inspect_invoice', { invoice_id: INVOICE }),
      await exchange('billing.propose_late_fee_waiver', { invoice_id: INVOICE, reason: 'Customer asked for a waiver' }),
    ];
    return { tools, transcript };
  } finally {
    await server.close();
  }
}

function surface(tools) {
  const listTokens = tokens({ tools });
  return {
    tools: tools.length,
    bytes: bytes({ tools }),
    tokens: listTokens,
    tokens_per_tool: round(listTokens / tools.length, 1),
    floor_tokens_per_tool: round(tokens({ tools: tools.map(({ name, inputSchema }) => ({ name, inputSchema })) }) / tools.length, 1),
    tokens_by_field: byField(tools),
    what_if_tokens_per_tool: whatIf(tools),
  };
}

/**
 * Proposed trims, measured on the real list (before/after for docs/performance.md): a per-kind
 * outputSchema (a read tool never returns a proposal object, a proposal tool never returns data),
 * and no outputSchema at all (result_format 1 / an opt-out).
 */
function whatIf(tools) {
  const perTool = (list) => round(tokens({ tools: list }) / list.length, 1);
  const perKind = tools.map((tool) => {
    if (!tool.outputSchema) return tool;
    const kind = tool._meta?.['synapsor.kind'];
    const narrowed = kind === 'read' ? { proposal: { type: 'null' } } : { data: { type: 'null' } };
    return { ...tool, outputSchema: { ...tool.outputSchema, properties: { ...tool.outputSchema.properties, ...narrowed } } };
  });
  const withoutOutput = tools.map(({ outputSchema, ...rest }) => rest);
  // Top-level envelope fields only: nested objects typed as object|null.
  const compact = tools.map((tool) => {
    if (!tool.outputSchema) return tool;
    const properties = Object.fromEntries(
      Object.entries(tool.outputSchema.properties).map(([key, value]) => [key, value.anyOf || value.properties ? { type: ['object', 'null'] } : { type: value.type }]),
    );
    return { ...tool, outputSchema: { type: 'object', properties, required: tool.outputSchema.required } };
  });
  return {
    per_kind_output_schema: perTool(perKind),
    per_kind_output_schema_without_meta_schema: perTool(
      perKind.map((tool) => {
        if (!tool.outputSchema) return tool;
        const { _meta, ...properties } = tool.outputSchema.properties;
        return { ...tool, outputSchema: { ...tool.outputSchema, properties: { ...properties, _meta: { type: 'object' } } } };
      }),
    ),
    compact_top_level_output_schema: perTool(compact),
    without_output_schema: perTool(withoutOutput),
    // What function-calling APIs forward to the model (name, description, parameters).
    model_visible_only: perTool(tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }))),
  };
}

function task(listTokens, transcript) {
  const calls = transcript.reduce((sum, step) => sum + tokens(step.request) + tokens(step.response), 0);
  return { calls: transcript.length, call_tokens: calls, total_tokens: listTokens + calls };
}

export async function run({ log }) {
  const workspace = await createReferenceWorkspace();
  try {
    log('tokens: reference tools/list and late-fee task over stdio…');
    const synapsor = await synapsorSide(workspace);
    const raw = await rawSqlTranscript(workspace.pool, workspace.schema, INVOICE);
    const ours = surface(synapsor.tools);
    const generic = surface(RAW_SQL_TOOLS);
    const ourTask = task(ours.tokens, synapsor.transcript);
    const rawTask = task(generic.tokens, raw);
    return {
      headline: { tokens_per_capability: figure(ours.tokens_per_tool, 'tokens', ours.floor_tokens_per_tool, `≤ ${TARGET}`) },
      details: {
        tokenizer: 'gpt-tokenizer 3.4.0 o200k_base',
        reference: ours,
        raw_sql_generic: generic,
        late_fee_task: {
          reference: { steps: 'inspect_invoice → propose_late_fee_waiver (apply happens outside the model)', ...ourTask },
          raw_sql: { steps: 'list_tables → describe_table → query → execute_sql (writes directly, no review)', ...rawTask },
        },
        target_tokens_per_capability: TARGET,
        met: ours.tokens_per_tool <= TARGET,
      },
      lines: [
        `reference tools/list  ${ours.tools} tools, ${ours.bytes} bytes, ${ours.tokens} tokens → ${ours.tokens_per_tool} per capability (floor ${ours.floor_tokens_per_tool})   target ≤ ${TARGET}`,
        `  by field: ${Object.entries(ours.tokens_by_field).map(([key, value]) => `${key} ${value}`).join(', ')}`,
        `  what-if per capability: ${Object.entries(ours.what_if_tokens_per_tool).map(([key, value]) => `${key} ${value}`).join(', ')}`,
        `raw-SQL tools/list    ${generic.tools} tools, ${generic.bytes} bytes, ${generic.tokens} tokens → ${generic.tokens_per_tool} per tool`,
        `late-fee task         reference ${ourTask.total_tokens} tokens (${ourTask.calls} calls) vs raw SQL ${rawTask.total_tokens} tokens (${rawTask.calls} calls)`,
      ],
    };
  } finally {
    await workspace.drop();
  }
}
