/**
 * Catalog queries for `inspect` — metadata only, never a user table. Schemas are always the
 * bound parameter `$1` (a text array); no identifier is ever interpolated.
 */
const RELATIONS_FILTER = `n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition`;

export const SCHEMAS_SQL = `
SELECT nspname AS name FROM pg_namespace
WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
ORDER BY nspname`;

export const RELATIONS_SQL = `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${RELATIONS_FILTER}
ORDER BY n.nspname, c.relname`;

export const COLUMNS_SQL = `
SELECT a.attrelid::text AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  (NOT a.attnotnull)::text AS nullable,
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
  (a.attgenerated <> '' OR a.attidentity <> '')::text AS generated
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE ${RELATIONS_FILTER} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

const keyNames = (keys: string, relation: string) =>
  `array_to_json(ARRAY(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.ord))::text`;

export const CONSTRAINTS_SQL = `
SELECT con.conrelid::text AS oid, con.contype AS type, ${keyNames('con.conkey', 'con.conrelid')} AS columns,
  fn.nspname AS ref_schema, fc.relname AS ref_table, ${keyNames('con.confkey', 'con.confrelid')} AS ref_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE ${RELATIONS_FILTER} AND con.contype IN ('p', 'u', 'f')
ORDER BY con.conrelid, con.conname`;

export const INDEXES_SQL = `
SELECT i.indrelid::text AS oid, ic.relname AS name, i.indisunique::text AS is_unique,
  array_to_json(ARRAY(
    SELECT CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE a.attname::text END
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE k.ord <= i.indnkeyatts ORDER BY k.ord))::text AS columns
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${RELATIONS_FILTER}
ORDER BY i.indrelid, ic.relname`;
