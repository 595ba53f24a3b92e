import { readFile } from 'node:fs/promises';
import { usageError } from './errors.js';

/** Reads a writeback job file: missing or not JSON is a usage error; the shape is checked by the package. */
export async function readJobFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw usageError('JOB_FILE_NOT_FOUND', `job file not readable: ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError('JOB_FILE_INVALID', 'the job file is not valid JSON');
  }
}

/** The proposal a job file names, for display only (never trusted). */
export function jobProposalId(job: unknown): string {
  const id = (job as { proposal_id?: unknown } | null)?.proposal_id;
  return typeof id === 'string' ? id : '(job file)';
}
