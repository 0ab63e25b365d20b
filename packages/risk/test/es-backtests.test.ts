import { describe, it, expect } from '@jest/globals';
import {
  cumulativeViolations,
  duEscancianoConditional,
  duEscancianoUnconditional,
  hacCoverageTest,
  kupiecPOF,
  nonOverlappingIndices,
  pitFromSample,
} from '../src/index.js';
import { mulberry32 } from './helpers/seeded-normal.js';

describe('pitFromSample', () => {
  it('share of scenarios at or below the realized P&L', () => {
    expect(pitFromSample([-3, -1, 0, 2], -1)).toBe(0.5);
    expect(pitFromSample([-3, -1, 0, 2], -4)).toBe(0);
    expect(pitFromSample([-3, -1, 0, 2], 5)).toBe(1);
  });
  it('weighted', () => {
    // weights 1 2 3 4: P&L <= 0 carries 1 + 2 + 3 of 10
    expect(pitFromSample([-3, -1, 0, 2], 0, [1, 2, 3, 4])).toBeCloseTo(0.6, 15);
  });
  it('validates', () => {
    expect(() => pitFromSample([], 0)).toThrow(/sample must contain at least one value/);
    expect(() => pitFromSample([1], NaN)).toThrow(/realized must be a finite number/);
    expect(() => pitFromSample([1, 2], 0, [1])).toThrow(/weights must have one entry per P&L value/);
  });
});

describe('cumulativeViolations', () => {
  it('H_t = (α − u_t)/α in the tail, 0 outside', () => {
    const h = cumulativeViolations([0.01, 0.5, 0.1, 0], 0.1);
    expect(h[0]).toBeCloseTo(0.9, 15);
    expect(h[1]).toBe(0);
    expect(h[2]).toBe(0);
    expect(h[3]).toBe(1);
  });
  it('validates', () => {
    expect(() => cumulativeViolations([1.2], 0.1)).toThrow(/pit\[0\] must be a number in \[0, 1\]/);
    expect(() => cumulativeViolations([], 0.1)).toThrow(/pit must contain at least one value/);
  });
});

describe('duEscancianoUnconditional', () => {
  it('hand computation: u = 0, 0.5, 0.5, 0.5 at α = 0.1', () => {
    // H̄ = 0.25; U = 2 (0.25 − 0.05)/√(0.1 (1/3 − 0.025)) = 2.2779792; p = 0.0227278
    const r = duEscancianoUnconditional([0, 0.5, 0.5, 0.5], 0.1);
    expect(r.meanViolation).toBe(0.25);
    expect(r.statistic).toBeCloseTo(2.27797918980599759, 13);
    expect(r.pValue).toBeCloseTo(0.0227278175017130550, 14);
    expect(r.violations).toBe(1);
  });

  it('known sequence of 8 PITs at α = 0.05', () => {
    // H = 0.8, 0, 0.6, 0, 0.4, 0, 0, 0 → H̄ = 0.225; U = √8 (0.225 − 0.025)/√(0.05 (1/3 − 0.0125)) = 4.4663242
    const r = duEscancianoUnconditional([0.01, 0.5, 0.02, 0.9, 0.03, 0.6, 0.2, 0.7], 0.05);
    expect(r.meanViolation).toBeCloseTo(0.225, 15);
    expect(r.statistic).toBeCloseTo(4.46632420991266016, 12);
    expect(r.pValue).toBeCloseTo(7.95749902705345007e-6, 17);
  });

  it('uniform PITs pass, PITs piled in the tail fail; too few tail outcomes give U < 0', () => {
    const uniform = mulberry32(42);
    const u = Float64Array.from({ length: 5000 }, () => uniform());
    expect(duEscancianoUnconditional(u, 0.025).pValue).toBeGreaterThan(0.01);
    const heavy = u.map((x) => (x < 0.1 ? x / 4 : x)); // 4× the tail mass below α
    expect(duEscancianoUnconditional(heavy, 0.025).pValue).toBeLessThan(1e-6);
    const light = u.map((x) => (x < 0.025 ? 0.5 : x));
    expect(duEscancianoUnconditional(light, 0.025).statistic).toBeLessThan(-5);
  });
});

describe('duEscancianoConditional', () => {
  it('hand computation: u = 0, 0, 1, 1 at α = 0.5, one lag', () => {
    // H − 1/4 = 3/4, 3/4, −1/4, −1/4; γ0 = 5/16, γ1 = 7/48, ρ1 = 7/15; C = 4 · 49/225; p = P(χ²(1) > C)
    const r = duEscancianoConditional([0, 0, 1, 1], 0.5, 1);
    expect(r.autocorrelations[0]).toBeCloseTo(7 / 15, 15);
    expect(r.statistic).toBeCloseTo(0.871111111111111111, 14);
    expect(r.pValue).toBeCloseTo(0.350647889704458951, 14);
  });

  it('known sequence of 8 PITs at α = 0.05, two lags', () => {
    // ρ1 = −0.0697674, ρ2 = 0.8108527 (independent mpmath computation); C = 5.2987969; p = exp(−C/2)
    const r = duEscancianoConditional([0.01, 0.5, 0.02, 0.9, 0.03, 0.6, 0.2, 0.7], 0.05, 2);
    expect(r.autocorrelations[0]).toBeCloseTo(-0.0697674418604651163, 14);
    expect(r.autocorrelations[1]).toBeCloseTo(0.810852713178294574, 14);
    expect(r.statistic).toBeCloseTo(5.29879694729884021, 13);
    expect(r.pValue).toBeCloseTo(0.0706937244113529215, 14);
  });

  it('independent PITs pass; clustered tail outcomes fail', () => {
    const uniform = mulberry32(9);
    const u = Float64Array.from({ length: 4000 }, () => uniform());
    expect(duEscancianoConditional(u, 0.025).pValue).toBeGreaterThan(0.01);
    // every tail outcome is followed by two more: strong positive autocorrelation of H
    const clustered = Float64Array.from(u);
    for (let t = 0; t + 2 < clustered.length; t++) {
      if (u[t] < 0.01) {
        clustered[t + 1] = u[t];
        clustered[t + 2] = u[t];
        t += 2;
      }
    }
    expect(duEscancianoConditional(clustered, 0.025).pValue).toBeLessThan(1e-6);
  });

  it('validates', () => {
    expect(() => duEscancianoConditional([0.1, 0.2], 0.05, 2)).toThrow(/needs more than 2 days, got 2/);
    expect(() => duEscancianoConditional([0.1, 0.2], 0.05, 0)).toThrow(/lags must be a positive integer/);
  });
});

describe('nonOverlappingIndices', () => {
  it('aligned to the end or the start', () => {
    expect(Array.from(nonOverlappingIndices(9, 3))).toEqual([2, 5, 8]);
    expect(Array.from(nonOverlappingIndices(9, 3, 'start'))).toEqual([0, 3, 6]);
    expect(Array.from(nonOverlappingIndices(10, 3))).toEqual([0, 3, 6, 9]);
    expect(Array.from(nonOverlappingIndices(11, 3))).toEqual([1, 4, 7, 10]);
    expect(Array.from(nonOverlappingIndices(5, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(nonOverlappingIndices(2, 3))).toEqual([1]);
    expect(Array.from(nonOverlappingIndices(0, 3))).toEqual([]);
  });
  it('validates', () => {
    expect(() => nonOverlappingIndices(10, 0)).toThrow(/horizon must be a positive integer/);
    expect(() => nonOverlappingIndices(-1, 2)).toThrow(/n must be a non-negative integer/);
  });
});

describe('hacCoverageTest', () => {
  it('hand computation: I = 1, 1, 0, 0 at p = 0.25, L = 1', () => {
    // I − p = .75 .75 −.25 −.25; γ0 = 0.3125, γ1 = 0.109375; σ² = 0.3125 + 0.109375 = 0.421875
    // z = 0.25/√(0.421875/4) = 0.7698004; p = 0.4414183
    const r = hacCoverageTest(Uint8Array.of(1, 1, 0, 0), 0.25, { lag: 1 });
    expect(r.longRunVariance).toBeCloseTo(0.421875, 15);
    expect(r.statistic).toBeCloseTo(0.769800358919501019, 14);
    expect(r.pValue).toBeCloseTo(0.441418326782053641, 14);
    expect(r.rate).toBe(0.5);
  });

  it('on the null rate z = 0; default bandwidth max(h − 1, NW rule)', () => {
    const r = hacCoverageTest(Uint8Array.of(1, 0, 0, 0), 0.25, { lag: 0 });
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
    expect(hacCoverageTest(new Uint8Array(250), 0.01, { horizon: 10 }).lag).toBe(9);
    expect(hacCoverageTest(new Uint8Array(250), 0.01).lag).toBe(4);
  });

  it('overlapping 10-day exceptions of a correct model: Kupiec on every window over-rejects; HAC much less; Kupiec on non-overlapping windows keeps its size', () => {
    // Window t (days t..t+9) is an exception when any of its days has a 'hit' (independent, 0.005
    // a day), so each window's exception probability is exactly 1 − 0.995^10 and windows overlap.
    const uniform = mulberry32(3);
    const h = 10;
    const p = 1 - Math.pow(0.995, h);
    const reps = 300;
    let kupiecAll = 0;
    let hac = 0;
    let kupiecDisjoint = 0;
    for (let r = 0; r < reps; r++) {
      const hit = Uint8Array.from({ length: 1009 }, () => (uniform() < 0.005 ? 1 : 0));
      const exc = new Uint8Array(1000);
      for (let t = 0; t < exc.length; t++) for (let k = 0; k < h; k++) exc[t] |= hit[t + k];
      const x = exc.reduce((s, v) => s + v, 0);
      if (kupiecPOF(x, exc.length, p).pValue < 0.05) kupiecAll++;
      if (hacCoverageTest(exc, p, { horizon: h }).pValue < 0.05) hac++;
      const idx = nonOverlappingIndices(exc.length, h);
      const y = Array.from(idx).reduce((s, i) => s + exc[i], 0);
      if (kupiecPOF(y, idx.length, p).pValue < 0.05) kupiecDisjoint++;
    }
    // Seen: 0.533, 0.137, 0.047 at 5% nominal (the HAC test is over-sized with rare events at T = 1000).
    expect(kupiecAll / reps).toBeGreaterThan(0.35);
    expect(hac / reps).toBeLessThan(0.2);
    expect(kupiecDisjoint / reps).toBeLessThan(0.1);
  });
});
