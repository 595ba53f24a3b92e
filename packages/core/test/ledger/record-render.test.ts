import { describe, expect, it } from 'vitest';
import { findSecretMaterial, renderEvidenceMarkdown, renderQueryAuditMarkdown } from '@synapsor/core';
import { LedgerFixtures } from '@synapsor/core/testing';

const headings = (md: string) => md.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));

describe('evidence markdown', () => {
  it('has the sections in order: trusted context, the visible row, fingerprint and hash', () => {
    const { evidence } = new LedgerFixtures().read({ row: { id: 'INV-1', memo: 'a | b\nc' } });
    const md = renderEvidenceMarkdown(evidence!);
    expect(md.split('\n')[0]).toBe(`# Evidence ${evidence!.evidence_bundle_id}`);
    expect(headings(md)).toEqual(['Summary', 'What the agent asked', 'Trusted context', 'Visible row', 'Proposed diff', 'Fingerprint', 'Hash']);
    expect(md).toContain('- Tenant: tenant_a');
    expect(md).toContain('| memo | a \\| b c |');
    expect(md).toContain('- Primary key: id = INV-1');
    expect(md).toContain(`- Query fingerprint: ${evidence!.query_fingerprint}`);
    expect(md).toContain(`- Content hash: ${evidence!.content_hash}`);
    expect(md).toContain('_No proposal (plain read)._');
    expect(md.trimEnd().endsWith('not a live view of the source database.')).toBe(true);
  });
});

describe('query audit markdown', () => {
  it('renders the template, fingerprint, rows, duration and hash, never parameter values', () => {
    const { query_audit: audit } = new LedgerFixtures().read({ object_id: 'INV-7' });
    const md = renderQueryAuditMarkdown(audit);
    expect(md.split('\n')[0]).toBe(`# Query audit ${audit.query_audit_id}`);
    expect(headings(md)).toEqual(['Summary', 'Trusted context', 'Statement template', 'Fingerprint', 'Rows', 'Duration', 'Hash']);
    expect(md).toContain(['```sql', audit.statement_template, '```'].join('\n'));
    expect(md).toContain('- Row count: 1');
    expect(md).toContain('- Milliseconds: 3');
    expect(md).toContain(`- Content hash: ${audit.content_hash}`);
    // The object id travels as $1; only the summary names the object, never a bound value.
    expect(md).not.toMatch(/= 'INV-7'|\$1 = /);
    expect(findSecretMaterial(md)).toBeNull();
  });

  it('a backtick run in the template cannot close the fence', () => {
    const { query_audit: audit } = new LedgerFixtures().read();
    const md = renderQueryAuditMarkdown({ ...audit, statement_template: 'SELECT `a` FROM ```t```' });
    expect(md).toContain('````sql\nSELECT `a` FROM ```t```\n````');
  });
});
