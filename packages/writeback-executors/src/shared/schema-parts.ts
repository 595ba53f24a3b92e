import * as v from 'valibot';
import { HASH_PATTERN, SQL_IDENTIFIER_PATTERN, STORED_ID_PATTERN } from '@synapsor/core';

// Valibot building blocks shared by the handler request schema and the job-file schema, so both
// apply the same identifier, id and value rules.
export const identifier = v.pipe(v.string(), v.regex(SQL_IDENTIFIER_PATTERN));
export const storedId = v.pipe(v.string(), v.regex(STORED_ID_PATTERN));
export const scalar = v.union([v.string(), v.number(), v.boolean(), v.null()]);
export const row = v.record(identifier, scalar);
export const columnValue = v.strictObject({ column: identifier, value: scalar });
export const hash = v.pipe(v.string(), v.regex(HASH_PATTERN));
export const timestamp = v.pipe(v.string(), v.isoTimestamp());
export const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));
