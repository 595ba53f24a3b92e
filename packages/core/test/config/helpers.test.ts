import { describe, expect, it } from 'vitest';
import {
  addDuration,
  executorTypeOf,
  isProposalCapability,
  isReadCapability,
  parseDuration,
  SynapsorError,
  validateConfig,
  type RunnerConfig,
} from '@synapsor/core';
import { baseConfig, httpExecutor } from './helpers.js';

describe('parseDuration', () => {
  it.each([
    ['1m', 60_000],
    ['90s', 90_000],
    ['72h', 259_200_000],
    ['365d', 31_536_000_000],
    ['60s', 60_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['59s', '366d', '0m', '72', 'h', '1.5h', '01h', '1234567s', ' 1h', '1H'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrowError(SynapsorError);
    try {
      parseDuration(text);
    } catch (error) {
      expect((error as SynapsorError).code).toBe('INVALID_EXPIRES_AFTER');
    }
  });
});

describe('addDuration', () => {
  it('adds to an ISO timestamp and returns ISO with milliseconds', () => {
    expect(addDuration('2026-06-20T14:31:08.123Z', '72h')).toBe('2026-06-23T14:31:08.123Z');
    expect(addDuration('2026-12-31T23:59:00.000Z', '1m')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('rejects a timestamp that is not ISO', () => {
    expect(() => addDuration('yesterday', '1h')).toThrowError(/ISO/);
  });
});

function configWith(mutate: (c: Record<string, any>) => void): RunnerConfig {
  const json = baseConfig();
  mutate(json);
  const result = validateConfig(json);
  expect(result.errors).toEqual([]);
  return result.config!;
}

describe('capability helpers', () => {
  it('narrows by kind', () => {
    const [read, proposal] = configWith(() => {}).capabilities;
    expect(isReadCapability(read!)).toBe(true);
    expect(isProposalCapability(read!)).toBe(false);
    expect(isProposalCapability(proposal!)).toBe(true);
    expect(isReadCapability(proposal!)).toBe(false);
  });

  it('resolves the executor type', () => {
    const none = configWith(() => {});
    expect(executorTypeOf(none, none.capabilities[1]!)).toBe('sql_update');
    expect(executorTypeOf(none, none.capabilities[0]!)).toBe('sql_update');

    const builtin = configWith((c) => { c.capabilities[1].executor = 'sql_update'; });
    expect(executorTypeOf(builtin, builtin.capabilities[1]!)).toBe('sql_update');

    const http = configWith((c) => {
      c.executors = { billing_api: httpExecutor() };
      c.capabilities[1].executor = 'billing_api';
    });
    expect(executorTypeOf(http, http.capabilities[1]!)).toBe('http_handler');

    const command = configWith((c) => {
      c.executors = { runner: { type: 'command_handler', command_env: 'CMD' } };
      c.capabilities[1].executor = 'runner';
    });
    expect(executorTypeOf(command, command.capabilities[1]!)).toBe('command_handler');
  });
});
