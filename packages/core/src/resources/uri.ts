import { isStoredId } from '../ids/index.js';
import type { ResourceTemplate } from '../runtime/types.js';
import { ResourceError } from './error.js';

export type ResourceKind = 'evidence' | 'proposals' | 'replay';

export interface ParsedResourceUri {
  kind: ResourceKind;
  /** Stored id (the `replay_` prefix of a replay id is removed). */
  id: string;
}

const URI = /^synapsor:\/\/(evidence|proposals|replay)\/(.*)$/s;

/**
 * Unknown schemes and templates answer "not found" like unknown ids, so the URI space reveals
 * nothing; an id breaking the stored-id pattern is `RESOURCE_ID_INVALID`.
 */
export function parseResourceUri(uri: unknown): ParsedResourceUri {
  const match = typeof uri === 'string' ? URI.exec(uri) : null;
  if (!match) throw new ResourceError('not_found');
  const kind = match[1] as ResourceKind;
  const raw = match[2]!;
  const id = kind === 'replay' && raw.startsWith('replay_') ? raw.slice('replay_'.length) : raw;
  if (!isStoredId(id)) throw new ResourceError('invalid_id');
  return { kind, id };
}

export const RESOURCE_TEMPLATES: readonly ResourceTemplate[] = Object.freeze([
  {
    uriTemplate: 'synapsor://evidence/{evidence_bundle_id}',
    name: 'evidence',
    description: 'What one lookup returned (visible columns only); an audit handle.',
    mimeType: 'application/json',
  },
  {
    uriTemplate: 'synapsor://proposals/{proposal_id}',
    name: 'proposal',
    description: 'The current review state of one proposal and its proposed diff.',
    mimeType: 'application/json',
  },
  {
    uriTemplate: 'synapsor://replay/{replay_id}',
    name: 'replay',
    description: 'The recorded history of one proposal or lookup; not time travel of the database.',
    mimeType: 'application/json',
  },
]);
