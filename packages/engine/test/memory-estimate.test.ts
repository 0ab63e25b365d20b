import { describe, expect, it } from '@jest/globals';
import { checkRunMemory, estimateRunBytes } from '../src/run/memory-estimate.js';

describe('run memory estimate (issue 13 item 9)', () => {
  it('counts the Float32 paths and the Float64 per-path arrays, by hand', () => {
    const MiB64 = 64 * 1024 * 1024;
    // 1000 paths × 10 days × 3 assets × 4 B = 120 000; per path 8 B × (2 + 3 + 1 + 3 + 2 + 1) = 96 B → 96 000.
    expect(estimateRunBytes({ paths: 1000, horizon: 10, assets: 3, horizons: 2, streamed: false })).toBe(120_000 + 96_000 + MiB64);
    expect(estimateRunBytes({ paths: 1000, horizon: 10, assets: 3, horizons: 2, streamed: true })).toBe(96_000 + MiB64);
  });

  it('refuses above the limit with the estimate and the flag to use', () => {
    const run = { paths: 50_000_000, horizon: 10, assets: 2, horizons: 2, streamed: false };
    expect(() => checkRunMemory(run, 7 * 1024 ** 3)).toThrow('50,000,000 paths × 10 days × 2 assets need about 7.9 GiB, more than the limit of 7.0 GiB');
    expect(() => checkRunMemory(run, 6 * 1024 ** 3)).toThrow(/add --path-store FILE/);
    expect(() => checkRunMemory(run, 1024 ** 3)).toThrow(/use fewer --paths/);
    expect(() => checkRunMemory({ ...run, paths: 1000 }, 1024 ** 3)).not.toThrow();
  });
});
