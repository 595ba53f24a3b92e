import { splitWords, normaliseToken } from '../classify/words.js';
import { AuditUsageError } from '../errors.js';
import { childPath, isRecord } from '../json-path.js';

/** One tool descriptor normalised from any accepted manifest shape (audit.md "Manifest shapes"). */
export interface AuditTool {
  name: string;
  server?: string;
  /** Position in the input; findings sort by it. */
  order: number;
  path: string;
  namePath: string;
  nameWords: string[];
  textFields: { key: string; value: string; path: string }[];
  textWords: string[][];
  properties: ToolProperty[];
  inputSchemaPath?: string;
  hasOutputSchema: boolean;
  annotations?: Record<string, unknown>;
  annotationsPath: string;
  hasFixture: boolean;
}

export interface ToolProperty {
  name: string;
  token: string;
  path: string;
}

const NAME_KEYS = ['name', 'tool_name', 'toolName'];
const INPUT_KEYS = ['inputSchema', 'input_schema', 'parameters', 'schema', 'args_schema'];
const OUTPUT_KEYS = ['outputSchema', 'output_schema', 'resultSchema', 'result_schema'];
const TEXT_KEYS = ['description', 'title', 'summary'];
const FIXTURE_KEYS = ['examples', 'example', 'input_examples', 'test_fixture', 'x_synapsor_test_fixture'];

function malformed(path: string, expected: string): never {
  throw new AuditUsageError(`malformed manifest at ${path}: expected ${expected}`);
}

function optionalString(raw: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') malformed(childPath(path, key), 'a string');
  return value;
}

function readProperties(schema: Record<string, unknown>, schemaPath: string): ToolProperty[] {
  const raw = schema['properties'];
  if (raw === undefined) return [];
  const propertiesPath = childPath(schemaPath, 'properties');
  if (!isRecord(raw)) malformed(propertiesPath, 'an object of properties');
  const out: ToolProperty[] = [];
  for (const [name, definition] of Object.entries(raw)) {
    const path = childPath(propertiesPath, name);
    out.push({ name, token: normaliseToken(name), path });
    // One level of nested object properties: `{filter: {properties: {tenant_id}}}` is still model input.
    const nested = isRecord(definition) ? definition['properties'] : undefined;
    if (!isRecord(nested)) continue;
    for (const inner of Object.keys(nested)) {
      out.push({
        name: `${name}.${inner}`,
        token: normaliseToken(inner),
        path: childPath(childPath(path, 'properties'), inner),
      });
    }
  }
  return out;
}

/**
 * Returns the normalised tool, or `undefined` for a nameless entry (the caller warns and skips it).
 * Throws AuditUsageError with the JSON path of a malformed field.
 */
export function normaliseTool(
  raw: unknown,
  path: string,
  order: number,
  server?: string,
): AuditTool | undefined {
  if (!isRecord(raw)) malformed(path, 'a tool object');
  let name: string | undefined;
  let namePath = path;
  for (const key of NAME_KEYS) {
    const value = optionalString(raw, key, path);
    if (value !== undefined && value.trim() !== '' && name === undefined) {
      name = value;
      namePath = childPath(path, key);
    }
  }
  if (name === undefined) return undefined;

  const textFields = TEXT_KEYS.flatMap((key) => {
    const value = optionalString(raw, key, path);
    return value === undefined ? [] : [{ key, value, path: childPath(path, key) }];
  });
  const inputKey = INPUT_KEYS.find((key) => isRecord(raw[key]));
  const inputSchemaPath = inputKey === undefined ? undefined : childPath(path, inputKey);
  const properties =
    inputKey === undefined ? [] : readProperties(raw[inputKey] as Record<string, unknown>, inputSchemaPath!);
  const annotationsPath = childPath(path, 'annotations');
  const annotations = raw['annotations'];
  if (annotations !== undefined && annotations !== null && !isRecord(annotations)) {
    malformed(annotationsPath, 'an object');
  }

  return {
    name,
    ...(server === undefined ? {} : { server }),
    order,
    path,
    namePath,
    nameWords: splitWords(name),
    textFields,
    textWords: textFields.map((field) => splitWords(field.value)),
    properties,
    ...(inputSchemaPath === undefined ? {} : { inputSchemaPath }),
    hasOutputSchema: OUTPUT_KEYS.some((key) => isRecord(raw[key])),
    ...(isRecord(annotations) ? { annotations } : {}),
    annotationsPath,
    hasFixture: FIXTURE_KEYS.some((key) => raw[key] !== undefined && raw[key] !== null),
  };
}
