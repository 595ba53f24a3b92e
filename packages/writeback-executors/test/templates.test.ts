import { describe, expect, it } from 'vitest';
import { listHandlerTemplates, renderHandlerTemplate } from '../src/index.js';

describe('handler templates', () => {
  it('lists and renders every shipped template with its checks', () => {
    const names = listHandlerTemplates().map((template) => template.name);
    expect(names).toEqual(['node-fastify', 'python-fastapi', 'command']);
    expect(renderHandlerTemplate('node-fastify').content).toContain('fastifyWritebackPlugin');
    const python = renderHandlerTemplate('python-fastapi').content;
    for (const code of ['BODY_TOO_LARGE', 'UNAUTHORIZED', 'INVALID_SIGNATURE', 'INVALID_ISSUED_AT', 'BAD_JSON', 'BAD_WRITEBACK_REQUEST',
      'UNSUPPORTED_PROTOCOL_VERSION', 'PROPOSAL_HASH_MISMATCH', 'UNSUPPORTED_ACTION', 'TENANT_NOT_ALLOWED',
      'ROW_NOT_FOUND_OR_WRONG_TENANT', 'ROW_CHANGED_AFTER_PROPOSAL', 'HANDLER_BUSINESS_ERROR', 'already_applied']) {
      expect(python).toContain(code);
    }
    expect(renderHandlerTemplate('command').content).toContain('PROPOSAL_HASH_MISMATCH');
  });

  it('an unknown name is refused with HANDLER_TEMPLATE_UNKNOWN (no path traversal)', () => {
    expect(() => renderHandlerTemplate('../package.json')).toThrow(expect.objectContaining({ code: 'HANDLER_TEMPLATE_UNKNOWN' }));
  });
});
