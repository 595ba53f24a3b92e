import type { AuditTool } from '../manifest/tool-model.js';
import { findPair, findWords, normaliseToken, wordSet, type WordField, type WordHit } from './words.js';

const SQL_NAMES = wordSet('executesql runsql runquery querydatabase databasequery sqlquery rawsql executequery');
const SQL_LEAD = wordSet('execute run raw');
const SQL_NOUN = wordSet('sql query');
const SQL_TRAIL = wordSet('executor database');
export const WRITE_VERBS = wordSet(
  'update insert delete upsert write mutate refund waive charge cancel commit approve settle apply merge resolve close create drop alter',
);
export const READ_WORDS = wordSet('get read list search find lookup inspect fetch query select');
const BOUNDARY_WORDS = wordSet('proposal propose');
const BOUNDARY_PHRASES = [
  'change set',
  'review required',
  'requires review',
  'approval required',
  'requires approval',
  'guarded writeback',
  'trusted worker',
];

export interface Classification {
  sqlLike: boolean;
  /** Why `sqlLike` holds (evidence). */
  sqlHit?: WordHit;
  writeVerbs: WordHit[];
  writeLike: boolean;
  proposalBoundary: boolean;
  readWords: WordHit[];
}

export function nameField(tool: AuditTool): WordField {
  return { label: 'name', path: tool.namePath, words: tool.nameWords };
}

export function textFieldsOf(tool: AuditTool): WordField[] {
  return tool.textFields.map((field, i) => ({ label: field.key, path: field.path, words: tool.textWords[i] ?? [] }));
}

/** Name first, then each text field separately so adjacency never spans two fields. */
export function wordFields(tool: AuditTool): WordField[] {
  return [nameField(tool), ...textFieldsOf(tool)];
}

function sqlHit(tool: AuditTool, fields: WordField[]): WordHit | undefined {
  const name = nameField(tool);
  if (SQL_NAMES.has(normaliseToken(tool.name))) return { field: name, word: tool.name };
  return findPair(fields, SQL_LEAD, SQL_NOUN) ?? findPair(fields, SQL_NOUN, SQL_TRAIL);
}

function hasBoundary(tool: AuditTool, fields: WordField[]): boolean {
  if (findWords(fields, BOUNDARY_WORDS).length > 0) return true;
  const text = tool.textFields
    .map((field) => field.value)
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return BOUNDARY_PHRASES.some((phrase) => text.includes(phrase));
}

export function classify(tool: AuditTool): Classification {
  const fields = wordFields(tool);
  const sql = sqlHit(tool, fields);
  const writeVerbs = findWords(fields, WRITE_VERBS);
  const hints = tool.annotations ?? {};
  return {
    sqlLike: sql !== undefined,
    ...(sql === undefined ? {} : { sqlHit: sql }),
    writeVerbs,
    writeLike: hints['destructiveHint'] === true || hints['readOnlyHint'] === false || writeVerbs.length > 0,
    proposalBoundary: hasBoundary(tool, fields),
    readWords: findWords(fields, READ_WORDS),
  };
}
