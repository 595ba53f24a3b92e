import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerFixtures } from '@synapsor/core/testing';
import type { ExecutionReceipt, ProposalRecord } from '@synapsor/core';
import { openSqliteStore } from '@synapsor/store-sqlite';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process; `env` is laid over a minimal environment. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDir(prefix = 'synapsor-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SeededLedger {
  path: string;
  /** Applied (tenant_a, invoices INV-1, billing.void_invoice). */
  applied: ProposalRecord;
  /** Pending (tenant_b, invoices INV-2). */
  pending: ProposalRecord;
  receipt: ExecutionReceipt;
  /** Plain read (tenant_a, customers C-7, crm.inspect_customer). */
  readEvidenceId: string;
  readAuditId: string;
  /** Not-found read (tenant_a, INV-404). */
  notFoundAuditId: string;
}

/**
 * A ledger written through the real store and core's fixture builders (correctly hashed
 * records): one applied proposal with its receipt, one pending proposal, one plain read and
 * one not-found read. Times are 2026-06-20 14:00Z onwards, in that order.
 */
export async function seedLedger(path: string): Promise<SeededLedger> {
  const store = await openSqliteStore({ path });
  const fx = new LedgerFixtures();
  try {
    const created = await store.createProposal(fx.proposal({ object_id: 'INV-1', at: fx.at(0) }));
    const approved = (await store.decide(fx.decide(created.proposal.proposal_id, { now: fx.at(1) }))).proposal;
    const claim = fx.claim(approved, 1, ['approved'], fx.at(2));
    await store.claimWriteback(claim);
    const receiptInput = fx.receipt(claim.job, 'applied', fx.at(3));
    const applied = await store.recordReceipt(receiptInput);
    const pending = (await store.createProposal(fx.proposal({ object_id: 'INV-2', tenant: 'tenant_b', principal: 'agent_2', at: fx.at(4) }))).proposal;
    const read = fx.read({ object_id: 'C-7', table: 'customers', capability: 'crm.inspect_customer', at: fx.at(5), row: { id: 'C-7', name: 'Ada' } });
    await store.recordRead(read);
    const notFound = fx.read({ object_id: 'INV-404', outcome: 'not_found', at: fx.at(6) });
    await store.recordRead(notFound);
    return {
      path,
      applied,
      pending,
      receipt: receiptInput.receipt,
      readEvidenceId: read.evidence!.evidence_bundle_id,
      readAuditId: read.query_audit.query_audit_id,
      notFoundAuditId: notFound.query_audit.query_audit_id,
    };
  } finally {
    await store.close();
  }
}

/** Parses the single JSON document a `--json` command prints. */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}
