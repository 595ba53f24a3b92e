import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SynapsorError } from '@synapsor/core';
import { classifyDriverError, driverErrorCode, redactDriverText, safeCategory, toSafeError } from '../src/errors.js';

function dbError(code: string, message = 'driver said something about host db.internal'): pg.DatabaseError {
  const error = new pg.DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('driver error mapping', () => {
  it.each([
    [dbError('57014'), 'STATEMENT_TIMEOUT', 'timeout'],
    [dbError('28P01'), 'DATABASE_UNAVAILABLE', 'authentication failed'],
    [dbError('08006'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [dbError('57P01'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [dbError('53300'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [dbError('3D000'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [dbError('42P01'), 'INTERNAL', 'configured object not found'],
    [dbError('42703'), 'INTERNAL', 'configured object not found'],
    [dbError('42501'), 'INTERNAL', 'permission denied'],
    [dbError('25006'), 'INTERNAL', 'database error'],
    [systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:5432'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [systemError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [new Error('Connection terminated unexpectedly'), 'DATABASE_UNAVAILABLE', 'connection failed'],
    [new Error('timeout exceeded when trying to connect'), 'POOL_TIMEOUT', 'timeout'],
    [new Error('something else'), 'INTERNAL', 'database error'],
    ['not an error', 'INTERNAL', 'database error'],
  ])('%#: maps to %s / %s', (error, code, category) => {
    const kind = classifyDriverError(error);
    expect(driverErrorCode(kind, 'INTERNAL')).toBe(code);
    expect(safeCategory(kind)).toBe(category);
  });

  it('uses the caller code for everything that is not connection or timeout', () => {
    expect(driverErrorCode(classifyDriverError(dbError('23505')), 'TRANSACTION_FAILED')).toBe('TRANSACTION_FAILED');
  });

  it('keeps driver text out of the thrown error and redacts the debug line', () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const raw = systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND postgres://u:secret@db.example.com:5432/app at 192.168.1.7:5432 or [fe80::1]:5432');
    const error = toSafeError({ debug: (obj, msg) => lines.push({ obj, msg }) }, 'read', raw);
    expect(error).toBeInstanceOf(SynapsorError);
    expect(error.code).toBe('DATABASE_UNAVAILABLE');
    expect(error.message).toBe('read failed (DATABASE_UNAVAILABLE)');
    const logged = JSON.stringify(lines);
    expect(logged).not.toMatch(/secret|db\.example\.com|192\.168|fe80/);
    expect(logged).toContain('ENOTFOUND');
  });

  it('passes SynapsorErrors through unchanged', () => {
    const original = new SynapsorError('UNSUPPORTED_COLUMN_TYPE', 'x');
    expect(toSafeError({ debug: () => undefined }, 'read', original)).toBe(original);
  });

  it('redacts URLs, IPv4 and IPv6 addresses', () => {
    expect(redactDriverText('at postgresql://a:b@h/db and 10.0.0.1:5432 and ::1')).toBe('at <url> and <host> and <host>');
  });
});
