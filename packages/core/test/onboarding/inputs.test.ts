import { describe, expect, it } from 'vitest';
import {
  mergeSelections,
  parseBoundsFlag,
  parseColumnList,
  parseFixedValue,
  parsePatchFlag,
  parseSelectionDocument,
  transitionGuardsFrom,
  namespaceOf,
  objectNameOf,
  inferBump,
} from '../../src/index.js';

describe('init flag values', () => {
  it('parses fixed values by type', () => {
    expect([parseFixedValue('null'), parseFixedValue('true'), parseFixedValue('false'), parseFixedValue('0'), parseFixedValue('-2.5'), parseFixedValue('pending')]).toEqual([null, true, false, 0, -2.5, 'pending']);
    expect(parseFixedValue('12abc')).toBe('12abc');
  });

  it('parses --patch bindings and refuses malformed ones', () => {
    expect(parsePatchFlag('late_fee_cents=fixed:0')).toEqual(['late_fee_cents', { fixed: 0 }]);
    expect(parsePatchFlag('waiver_reason=arg:reason')).toEqual(['waiver_reason', { from_arg: 'reason' }]);
    for (const bad of ['late_fee_cents', '=fixed:0', 'a=arg:', 'a=other:x']) {
      expect(() => parsePatchFlag(bad)).toThrow(expect.objectContaining({ code: 'INVALID_FLAG_VALUE' }));
    }
  });

  it('parses bounds (open ends allowed) and refuses min > max', () => {
    expect(parseBoundsFlag('c=0:10000')).toEqual(['c', { minimum: 0, maximum: 10000 }]);
    expect(parseBoundsFlag('c=:5')).toEqual(['c', { maximum: 5 }]);
    for (const bad of ['c=5', 'c=:', 'c=a:b', 'c=10:1']) expect(() => parseBoundsFlag(bad)).toThrow(/--patch-bounds/);
  });

  it('folds repeated transition guards', () => {
    expect(transitionGuardsFrom(['status=open:pending_review', 'status=open:needs_human', 'status=pending_review:resolved'])).toEqual({
      status: { allowed: { open: ['pending_review', 'needs_human'], pending_review: ['resolved'] } },
    });
    expect(() => transitionGuardsFrom(['status=open'])).toThrow(/--transition-guard/);
  });

  it('parses column lists', () => {
    expect(parseColumnList('--visible-columns', 'a, b,c')).toEqual(['a', 'b', 'c']);
    expect(() => parseColumnList('--visible-columns', 'a,,b')).toThrow(/--visible-columns/);
  });

  it('derives names from the table', () => {
    expect(objectNameOf('support_tickets')).toBe('support_ticket');
    expect(namespaceOf('support_ticket')).toBe('support');
    expect(objectNameOf('s')).toBe('s');
    expect([inferBump('updated_at', 'timestamp with time zone'), inferBump('v', 'bigint'), inferBump('etag', 'text'), inferBump('lock_version', null), inferBump('note', null)]).toEqual(['now', 'increment', null, 'increment', null]);
  });
});

describe('answers/spec documents', () => {
  it('accepts flag spellings and approval blocks', () => {
    const parsed = parseSelectionDocument({ table: 'invoices', tenant_column: 'org_id', id_arg: 'invoice_id', from_env: 'DATABASE_URL', approval: { required_role: 'billing_lead', expires_after: '72h' } });
    expect(parsed).toEqual({ ok: true, selection: { table: 'invoices', tenant_key: 'org_id', lookup_arg: 'invoice_id', read_url_env: 'DATABASE_URL', approval_role: 'billing_lead', expires_after: '72h' } });
  });

  it('rejects unknown keys and wrong types by path', () => {
    const parsed = parseSelectionDocument({ tabel: 'x', mode: 'yolo' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.join('\n')).toContain('tabel: unknown key');
      expect(parsed.errors.join('\n')).toContain('mode');
    }
    expect(parseSelectionDocument([]).ok).toBe(false);
  });

  it('merges layers key by key, later wins, undefined never hides', () => {
    expect(mergeSelections({ table: 'a', schema: 's' }, undefined, { table: 'b', schema: undefined })).toEqual({ table: 'b', schema: 's' });
  });
});
