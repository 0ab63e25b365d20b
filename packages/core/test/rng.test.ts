import { describe, expect, it } from '@jest/globals';
import { Rng, mix32 } from '../src/random/rng.js';

function draws(rng: Rng, n: number, f: (r: Rng) => number): number[] {
  return Array.from({ length: n }, () => f(rng));
}

describe('Rng: reproducibility', () => {
  it('the same seed gives the same sequence, for every kind of draw', () => {
    for (const f of [(r: Rng) => r.nextUint32(), (r: Rng) => r.uniform(), (r: Rng) => r.normal(), (r: Rng) => r.int(1000)]) {
      expect(draws(new Rng(42), 200, f)).toEqual(draws(new Rng(42), 200, f));
    }
    expect(draws(Rng.forStream(7, 3), 100, (r) => r.normal())).toEqual(draws(Rng.forStream(7, 3), 100, (r) => r.normal()));
  });

  it('different seeds and different streams give different sequences', () => {
    const seq = (r: Rng): number[] => draws(r, 20, (x) => x.nextUint32());
    const sequences = [seq(new Rng(1)), seq(new Rng(2)), seq(new Rng(0)), seq(Rng.forStream(7, 0)), seq(Rng.forStream(7, 1)), seq(Rng.forStream(8, 1))];
    for (let i = 0; i < sequences.length; i++) {
      for (let j = i + 1; j < sequences.length; j++) {
        // not just different: no position agrees (a chance match has probability 20 / 2^32)
        expect(sequences[i].some((v, k) => v === sequences[j][k])).toBe(false);
      }
    }
  });

  it('nextUint32 gives 32-bit unsigned integers; mix32 too', () => {
    const r = new Rng(9);
    for (let i = 0; i < 1000; i++) {
      const v = r.nextUint32();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
    const m = mix32(123, 456);
    expect(Number.isInteger(m) && m >= 0 && m < 2 ** 32).toBe(true);
    expect(mix32(123, 456)).toBe(m);
    expect(mix32(456, 123)).not.toBe(m);
  });
});

describe('Rng: distributions (fixed seeds, bounds at about 4 standard errors)', () => {
  it('uniform: in [0, 1), mean 1/2, variance 1/12, chi-square over 10 bins at 1e5 draws', () => {
    const n = 100_000;
    const r = new Rng(2024);
    const bins = new Float64Array(10);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) throw new Error(`uniform out of range: ${u}`);
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 10)]++;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // sd of the mean: sqrt(1/12/n) = 9.1e-4; sd of the variance: sqrt((1/80 − 1/144)/n) = 2.4e-4
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0037);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.001);
    // chi-square with 9 degrees of freedom: P(X > 27.88) = 0.001
    const expected = n / 10;
    let chi2 = 0;
    for (const c of bins) chi2 += (c - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(27.88);
  });

  it('normal: mean 0, variance 1, kurtosis 3 at 2e5 draws', () => {
    const n = 200_000;
    const r = new Rng(77);
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let beyond196 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
      if (Math.abs(z) > 1.959964) beyond196++;
    }
    const mean = s1 / n;
    const variance = s2 / n - mean * mean;
    const kurtosis = s4 / n / (variance * variance);
    // standard errors: mean 1/sqrt(n) = 2.2e-3, variance sqrt(2/n) = 3.2e-3, kurtosis sqrt(96/n) = 2.2e-2
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.014);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.09);
    // two-sided 5% tail: sd sqrt(0.05·0.95/n) = 4.9e-4
    expect(Math.abs(beyond196 / n - 0.05)).toBeLessThan(0.002);
  });

  it('int(n): whole numbers in [0, n), every value hit about equally often', () => {
    const r = new Rng(5);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) {
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      counts[k]++;
    }
    // each count ~ Binomial(70000, 1/7): sd = 92.6
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    for (let i = 0; i < 100; i++) expect(r.int(1)).toBe(0);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(2 ** 32);
      expect(Number.isInteger(k) && k >= 0 && k < 2 ** 32).toBe(true);
    }
  });

  it('int rejects n ≤ 0', () => {
    expect(() => new Rng(1).int(0)).toThrow(RangeError);
    expect(() => new Rng(1).int(-3)).toThrow(RangeError);
  });
});

describe('Rng.fillNormals', () => {
  it('writes exactly the values of repeated normal() calls and leaves the stream where they would', () => {
    for (const n of [0, 1, 2, 7, 64, 331]) {
      const a = new Rng(99), b = new Rng(99);
      a.normal(); // an odd start: a spare is pending
      b.normal();
      const want = Float64Array.from({ length: n }, () => a.normal());
      const got = new Float64Array(n + 3);
      b.fillNormals(got, 3, n);
      expect(Array.from(got.subarray(3))).toEqual(Array.from(want));
      expect(b.normal()).toBe(a.normal());
      expect(b.nextUint32()).toBe(a.nextUint32());
    }
  });

  it('into a float32 array: the float32 roundings of the same values', () => {
    const a = new Rng(5), b = new Rng(5);
    const got = new Float32Array(101);
    b.fillNormals(got, 0, 101);
    expect(Array.from(got)).toEqual(Array.from(Float32Array.from({ length: 101 }, () => a.normal())));
  });
});
