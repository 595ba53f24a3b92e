import { isReservedArgName } from '../guards/index.js';
import type { ToolDescriptor } from '../runtime/types.js';

export interface BoundaryCheck {
  id: string;
  status: 'pass' | 'fail';
  message: string;
}

const SQL_NAME = /execute_sql|run_query|query_database|raw_sql/i;
const APPROVE_NAME = /approve/i;
const COMMIT_NAME = /commit|apply_writeback/i;
const DATABASE_URL = /postgres:\/\/|postgresql:\/\/|mysql:\/\/|mariadb:\/\//i;
const SECRET_WORD = /password|secret|bearer|private_key|token/gi;

function nameCheck(id: string, pattern: RegExp, what: string, descriptors: readonly ToolDescriptor[]): BoundaryCheck {
  const offenders = descriptors.map((d) => d.name).filter((name) => pattern.test(name));
  return offenders.length === 0
    ? { id, status: 'pass', message: `no tool is named like ${what}` }
    : { id, status: 'fail', message: `tool named like ${what}: ${offenders.join(', ')}` };
}

function propertyNames(descriptor: ToolDescriptor): string[] {
  const properties = descriptor.inputSchema.properties;
  return properties && typeof properties === 'object' && !Array.isArray(properties) ? Object.keys(properties) : [];
}

/**
 * mcp.md "Never exposed": name, input-property and serialized-string checks over a compiled
 * tool list (`tools preview`, `smoke boundary`). The audit-rule check is added by the CLI.
 */
export function checkToolBoundary(descriptors: readonly ToolDescriptor[]): BoundaryCheck[] {
  const checks: BoundaryCheck[] = [
    nameCheck('no_sql_tool_names', SQL_NAME, 'raw SQL execution', descriptors),
    nameCheck('no_approval_tool_names', APPROVE_NAME, 'an approval', descriptors),
    nameCheck('no_commit_tool_names', COMMIT_NAME, 'a commit or writeback', descriptors),
  ];
  const reserved = descriptors.flatMap((d) => propertyNames(d).filter(isReservedArgName).map((p) => `${d.name}.${p}`));
  checks.push(
    reserved.length === 0
      ? { id: 'no_reserved_input_properties', status: 'pass', message: 'no input property is a reserved name' }
      : { id: 'no_reserved_input_properties', status: 'fail', message: `reserved input properties: ${reserved.join(', ')}` },
  );
  const serialized = JSON.stringify(descriptors);
  checks.push(
    DATABASE_URL.test(serialized)
      ? { id: 'no_database_urls', status: 'fail', message: 'the tool list contains a database URL' }
      : { id: 'no_database_urls', status: 'pass', message: 'the tool list contains no database URL' },
  );
  const words = [...new Set((serialized.match(SECRET_WORD) ?? []).map((word) => word.toLowerCase()))];
  checks.push(
    words.length === 0
      ? { id: 'no_secret_words', status: 'pass', message: 'the tool list contains no secret-like word' }
      : { id: 'no_secret_words', status: 'fail', message: `the tool list contains secret-like words: ${words.join(', ')}` },
  );
  return checks;
}
