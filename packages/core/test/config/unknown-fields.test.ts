import { describe, expect, it } from 'vitest';
import { CAP0, CAP1, pathsAndCodes, validateWith } from './helpers.js';

const addUnknowns = (c: Record<string, any>) => {
  c.extra = 1;
  c.sources.db.ssl = { reject_unauthorized: true, mode: 'verify-full' };
  c.capabilities[1].patch.late_fee_cents.note = 'x';
  c.capabilities[1].args.reason.pattern = '.*';
};

// Document order: `extra` is appended after `capabilities`, so it comes last.
const EXPECTED = [
  { path: '$.sources.db.ssl.mode', code: 'UNKNOWN_FIELD' },
  { path: `${CAP1}.args.reason.pattern`, code: 'UNKNOWN_FIELD' },
  { path: `${CAP1}.patch.late_fee_cents.note`, code: 'UNKNOWN_FIELD' },
  { path: '$.extra', code: 'UNKNOWN_FIELD' },
];

describe('unknown fields', () => {
  it('are errors at any depth when strict (the default)', () => {
    const result = validateWith(addUnknowns);
    expect(pathsAndCodes(result.errors)).toEqual(EXPECTED);
    expect(result.ok).toBe(false);
  });

  it('are warnings with strict: false, and are dropped from the normalised config', () => {
    const result = validateWith((c) => { c.strict = false; addUnknowns(c); });
    expect(result.errors).toEqual([]);
    expect(pathsAndCodes(result.warnings)).toEqual(EXPECTED);
    expect(result.ok).toBe(true);
    expect(result.config).not.toHaveProperty('extra');
    expect(result.config?.sources.db?.ssl).toEqual({ reject_unauthorized: true });
  });

  it('keep proposal fields on a read an error even with strict: false', () => {
    const result = validateWith((c) => {
      c.strict = false;
      c.capabilities[0].executor = 'sql_update';
      c.capabilities[0].allowed_columns = ['status'];
    });
    expect(pathsAndCodes(result.errors)).toEqual([
      { path: `${CAP0}.executor`, code: 'INVALID_EXECUTOR_REFERENCE' },
      { path: `${CAP0}.allowed_columns`, code: 'PROPOSAL_FIELD_ON_READ' },
    ]);
  });

  it.each(['patch', 'allowed_columns', 'numeric_bounds', 'transition_guards', 'conflict_guard', 'approval'])(
    'reports %s on a read as PROPOSAL_FIELD_ON_READ',
    (field) => {
      const result = validateWith((c) => { c.capabilities[0][field] = {}; });
      expect(pathsAndCodes(result.errors)).toEqual([{ path: `${CAP0}.${field}`, code: 'PROPOSAL_FIELD_ON_READ' }]);
    },
  );

  it('an invalid strict value keeps unknown fields errors', () => {
    const result = validateWith((c) => { c.strict = 'no'; c.extra = 1; });
    expect(pathsAndCodes(result.errors)).toEqual([
      { path: '$.strict', code: 'INVALID_STRICT' },
      { path: '$.extra', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('reports an array used as a map once, without per-index noise', () => {
    const result = validateWith((c) => { c.capabilities[1].transition_guards = [{ allowed: {} }]; });
    expect(pathsAndCodes(result.errors)).toEqual([{ path: `${CAP1}.transition_guards`, code: 'TRANSITION_GUARDS_NOT_OBJECT' }]);
  });
});
