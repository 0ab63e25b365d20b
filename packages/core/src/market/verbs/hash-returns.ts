import { createHash } from 'node:crypto';
import type { ReturnsMatrix } from '../types.js';
import { littleEndianBytes } from '../../io/endian.js';

/**
 * sha256 (hex) identifying a returns matrix: a version tag, then the symbols
 * and dates as JSON (so names cannot run into each other), then the values as
 * little-endian float64 bytes. Equal hashes mean bit-identical data.
 */
export function hashReturns(r: ReturnsMatrix): string {
  if (r.values.length !== r.dates.length * r.symbols.length) {
    throw new RangeError(`returns hold ${r.values.length} values, expected ${r.dates.length} dates × ${r.symbols.length} symbols`);
  }
  const h = createHash('sha256');
  h.update('tailforge-returns-v1\n');
  h.update(JSON.stringify(r.symbols));
  h.update('\n');
  h.update(JSON.stringify(r.dates));
  h.update('\n');
  h.update(littleEndianBytes(r.values));
  return h.digest('hex');
}
