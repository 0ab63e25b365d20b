import { InvalidArgumentError } from 'commander';
import { MISSING_POLICIES, type MissingPolicy, type RawParams } from '@tailforge/core';
import { parseReplaySpec } from '@tailforge/batch-config';
import type { LogFormat } from './log/logger.js';

/** Option parsers shared by the commands: each rejects a bad value with what was expected. */

export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
    }
    return n;
  };
}

export function seed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 0xffffffff) {
    throw new InvalidArgumentError(`seed must be a whole number from 0 to 4294967295, got "${value}"`);
  }
  return n;
}

/** Comma-separated confidence levels, each in (0, 1), e.g. `0.95,0.99`; returned sorted and unique. */
export function confidenceList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new InvalidArgumentError('give at least one confidence level, e.g. 0.95,0.99');
  const levels = parts.map((p) => {
    const n = Number(p);
    if (!/^0?\.\d+$/.test(p) || !(n > 0 && n < 1)) {
      throw new InvalidArgumentError(`confidence levels are numbers strictly between 0 and 1 (e.g. 0.99), got "${p}"`);
    }
    return n;
  });
  return [...new Set(levels)].sort((a, b) => a - b);
}

export function missingPolicy(value: string): MissingPolicy {
  if (!(MISSING_POLICIES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${MISSING_POLICIES.join(', ')}, got "${value}"`);
  }
  return value as MissingPolicy;
}

export function logFormat(value: string): LogFormat {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError(`must be text or json, got "${value}"`);
  return value;
}

/** Repeatable `key=value`; numbers and booleans are typed, the model validates names and ranges. */
export function modelParam(value: string, previous: RawParams = {}): RawParams {
  // `model.key=value` scopes the parameter to one model (backtests and batch jobs comparing several).
  const m = /^([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)?)=(.*)$/.exec(value);
  if (m === null) throw new InvalidArgumentError(`expected key=value or model.key=value, got "${value}"`);
  const raw = m[2].trim();
  const typed = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  return { ...previous, [m[1]]: typed };
}

/** Repeatable `--plugin PATH|PACKAGE`, in the order given. */
export function pluginList(value: string, previous: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('give a plugin file, package folder or package name');
  return [...previous, value];
}

/** Comma-separated symbols, e.g. `IBM,KO`; duplicates are an error. */
export function symbolList(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0) throw new InvalidArgumentError('give at least one symbol, e.g. IBM,KO');
  const dup = list.find((s, i) => list.indexOf(s) !== i);
  if (dup !== undefined) throw new InvalidArgumentError(`symbol ${dup} is listed twice`);
  return list;
}

/** A fraction strictly between 0 and 1, e.g. 0.15 for 15%. */
export function fraction(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^0?\.\d+$/.test(value.trim()) || !(n > 0 && n < 1)) throw new InvalidArgumentError(`${name} must be a fraction between 0 and 1 (e.g. 0.15), got "${value}"`);
    return n;
  };
}

/** A positive amount of money, e.g. `1000000` or `2.5e6`. */
export function positiveAmount(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d*)?([eE][+-]?\d+)?$/.test(value.trim()) || !(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`${name} must be an amount > 0 (e.g. 1000000), got "${value}"`);
    return n;
  };
}

/** Comma-separated day counts, e.g. `1,5,10`; sorted, unique. */
export function horizonList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new InvalidArgumentError('give at least one horizon in days, e.g. 1,5,10');
  return [...new Set(parts.map((p) => positiveInt('--horizons', 2520)(p)))].sort((a, b) => a - b);
}

/** `--replay`: `worst:K` (the K worst windows), `none`, or comma-separated start dates. */
export function replaySpec(value: string): { worst: number } | { dates: string[] } | 'none' {
  try {
    return parseReplaySpec(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** A size in bytes: a whole number, optionally with K, M, G or T (powers of 1024), e.g. `8G`. */
export function byteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(value.trim());
  const n = m === null ? NaN : Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase());
  if (!(n >= 1) || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a size such as 512M or 8G, got "${value}"`);
  return Math.floor(n);
}

/** A calendar date YYYY-MM-DD. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}
