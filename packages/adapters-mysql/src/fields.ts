import type { FieldPacket } from 'mysql2';

const FIELDS = Symbol('synapsor.mysql.fields');

/** Column metadata the normaliser needs, from mysql2's column definitions. */
export interface ColumnMeta {
  name: string;
  columnType: number;
  characterSet: number;
  decimals: number;
  extendedFormat: string | undefined;
}

/** Kysely hands the driver's rows array through untouched, so metadata can ride on it. */
export function attachFields(rows: unknown[], fields: FieldPacket[]): void {
  const metas: ColumnMeta[] = fields.map((field) => {
    const f = field as FieldPacket & { columnType?: number; characterSet?: number; extendedFormat?: string };
    return {
      name: f.name,
      columnType: f.columnType ?? f.type ?? 0,
      characterSet: f.characterSet ?? 0,
      decimals: f.decimals ?? 0,
      extendedFormat: f.extendedFormat,
    };
  });
  Object.defineProperty(rows, FIELDS, { value: metas, enumerable: false });
}

export function fieldsOf(rows: readonly unknown[]): ColumnMeta[] {
  const metas = (rows as unknown as Record<symbol, ColumnMeta[] | undefined>)[FIELDS];
  if (!metas) throw new Error('result carries no column metadata');
  return metas;
}
