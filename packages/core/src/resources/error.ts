/** JSON-RPC error for `resources/read`: the transport copies `code`, `message` and `data`. */
export class ResourceError extends Error {
  readonly code: -32002 | -32602;
  readonly data: { code: 'RESOURCE_NOT_FOUND' | 'RESOURCE_ID_INVALID' };

  constructor(kind: 'not_found' | 'invalid_id') {
    super(kind === 'not_found' ? 'Resource not found' : 'Invalid resource id');
    this.name = 'ResourceError';
    this.code = kind === 'not_found' ? -32002 : -32602;
    this.data = { code: kind === 'not_found' ? 'RESOURCE_NOT_FOUND' : 'RESOURCE_ID_INVALID' };
  }
}

export const isResourceError = (error: unknown): error is ResourceError => error instanceof ResourceError;
