import { wordSet } from '../classify/words.js';
import { propertiesIn, propertyEvidence, propertyRule, type ToolRule } from './tool-rule.js';

const SQL_PROPERTIES = wordSet('sql query statement rawsql');
const IDENTIFIER_PROPERTIES = wordSet(
  'table tablename schema schemaname column columns columnname database databasename',
);
const TRUST_PROPERTIES = wordSet(
  'tenantid principal principalid userid projectid sourceid databaseid allowedcolumns rowversion currentversion expectedversion approvalidentity',
);

export const genericSqlTool: ToolRule = (tool, c) => {
  if (c.sqlHit === undefined) return undefined;
  const hit = c.sqlHit;
  const detail =
    hit.word === tool.name ? `name "${tool.name}" is a generic SQL tool name` : `${hit.field.label} contains "${hit.word}"`;
  return {
    code: 'GENERIC_SQL_TOOL',
    message: `Tool "${tool.name}" exposes generic SQL or query execution to the model.`,
    evidence: [{ path: hit.field.path, detail }],
  };
};

export const acceptsArbitrarySql: ToolRule = (tool, c) => {
  if (!c.sqlLike) return undefined;
  const found = propertiesIn(tool, SQL_PROPERTIES);
  if (found.length === 0) return undefined;
  return {
    code: 'WRITE_TOOL_ACCEPTS_ARBITRARY_SQL',
    message: `Tool "${tool.name}" runs free-form SQL passed in ${found.map((p) => `"${p.name}"`).join(', ')}.`,
    evidence: propertyEvidence(found),
  };
};

export const arbitraryIdentifierInput = propertyRule(
  'ARBITRARY_IDENTIFIER_INPUT',
  IDENTIFIER_PROPERTIES,
  (tool, names) => `Tool "${tool.name}" lets the model choose database identifiers (${names}).`,
);

export const modelControlledTrustScope = propertyRule(
  'MODEL_CONTROLLED_TRUST_SCOPE',
  TRUST_PROPERTIES,
  (tool, names) => `Tool "${tool.name}" takes trust-scope values from the model (${names}).`,
);
