import { describe, it, expect } from '@jest/globals';
import {
  componentES,
  componentVaR,
  expectedShortfall,
  marginalES,
  marginalVaR,
  normalPdf,
  normalQuantile,
  valueAtRisk,
} from '../src/index.js';
import { normalDraws } from './helpers/seeded-normal.js';

/** Portfolio P&L as the row sums of a position P&L block. */
function rowSums(positionPnl: ArrayLike<number>, nAssets: number): Float64Array {
  const n = positionPnl.length / nAssets;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let a = 0; a < nAssets; a++) out[i] += positionPnl[i * nAssets + a];
  return out;
}

describe('componentES', () => {
  it('atom at VaR gets the fractional weight (hand values)', () => {
    // position P&L (a, b) → P&L → loss:
    //   p0 (−3, −1) → −4 → 4;  p1 (1, −3) → −2 → 2;  p2 (0, 1) → 1 → −1;  p3 (−1, 0) → −1 → 1;  p4 (2, 1) → 3 → −3
    // sorted losses −3, −1, 1, 2, 4; α = 0.7 → VaR = L_(4) = 2 (p1), F(2) = 0.8
    // θ(p0) = 0.2/0.3 = 2/3, θ(p1) = 1 − 2/3 = 1/3; ES = (2/3)·4 + (1/3)·2 = 10/3
    // ES_a = (2/3)·3 + (1/3)·(−1) = 5/3;  ES_b = (2/3)·1 + (1/3)·3 = 5/3
    const pos = [-3, -1, 1, -3, 0, 1, -1, 0, 2, 1];
    const pnl = rowSums(pos, 2);
    const c = componentES(pnl, pos, 2, 0.7);
    expect(c[0]).toBeCloseTo(5 / 3, 14);
    expect(c[1]).toBeCloseTo(5 / 3, 14);
    expect(expectedShortfall(pnl, 0.7)).toBeCloseTo(10 / 3, 14);
  });

  it('ties at VaR share the fractional weight', () => {
    // p0 (−5, 0) loss 5; p1 (−2, 0) loss 2; p2 (0, −2) loss 2; p3 (1, −1) loss 0; p4 (0, 1) loss −1
    // α = 0.6: sorted −1, 0, 2, 2, 5 → VaR = L_(3) = 2, F(2) = 0.8; (1 − α) = 0.4
    // θ(p0) = 0.2/0.4 = 0.5, atom share 0.5 split over p1, p2 → 0.25 each
    // ES_a = 0.5·5 + 0.25·2 + 0.25·0 = 3;  ES_b = 0.25·2 = 0.5;  ES = 3.5 = (5·0.2 + 2·0.2)/0.4
    const pos = [-5, 0, -2, 0, 0, -2, 1, -1, 0, 1];
    const pnl = rowSums(pos, 2);
    const c = componentES(pnl, pos, 2, 0.6);
    expect(c[0]).toBeCloseTo(3, 14);
    expect(c[1]).toBeCloseTo(0.5, 14);
    expect(expectedShortfall(pnl, 0.6)).toBeCloseTo(3.5, 14);
  });

  it('weighted (hand values, the sample of expected-shortfall.test.ts)', () => {
    // P&L −4, 2, −1, 3, −6 with w 0.1, 0.3, 0.2, 0.25, 0.15; α = 0.8 → VaR 4 (p0), F = 0.85
    // θ(p4) = 0.15/0.2 = 0.75, θ(p0) = 0.25; ES = 0.75·6 + 0.25·4 = 5.5
    // positions: p0 (−1, −3), p1 (1, 1), p2 (−2, 1), p3 (2, 1), p4 (−4, −2)
    // ES_a = 0.75·4 + 0.25·1 = 3.25;  ES_b = 0.75·2 + 0.25·3 = 2.25
    const pos = [-1, -3, 1, 1, -2, 1, 2, 1, -4, -2];
    const pnl = rowSums(pos, 2);
    const w = [0.1, 0.3, 0.2, 0.25, 0.15];
    const c = componentES(pnl, pos, 2, 0.8, w);
    expect(c[0]).toBeCloseTo(3.25, 14);
    expect(c[1]).toBeCloseTo(2.25, 14);
    expect(marginalES(pnl, pos, Float64Array.of(10, 50), 0.8, w)[1]).toBeCloseTo(2.25 / 50, 14);
  });

  it('validates lengths and values', () => {
    expect(() => componentES([1, 2], [1, 2, 3], 2, 0.9)).toThrow(/positionPnl has length 3, expected/);
    expect(() => componentES([1, 2], [1, 0, NaN, 2], 2, 0.9)).toThrow(/positionPnl\[2\]/);
    expect(() => componentES([1, 2], [1, 2], 0, 0.9)).toThrow(/nAssets must be >= 1/);
    expect(() => componentES([1, 2], [1, 2], 1, 1)).toThrow(RangeError);
  });
});

describe('componentVaR', () => {
  it('window of order statistics around VaR, rescaled (hand values)', () => {
    // losses 4, 3, 2, 1 (P&L −4..−1); sorted 1, 2, 3, 4; α = 0.5 → VaR = L_(2) = 2
    // window m = 1: losses in [L_(1), L_(3)] = [1, 3] → paths 1, 2, 3
    // positions p0 (−3, −1), p1 (−1, −2), p2 (−1, −1), p3 (−1, 0)
    // raw = ((1 + 1 + 1)/3, (2 + 1 + 0)/3) = (1, 1), Σ = 2 = VaR → (1, 1)
    const pos = [-3, -1, -1, -2, -1, -1, -1, 0];
    const pnl = rowSums(pos, 2);
    expect(Array.from(componentVaR(pnl, pos, 2, 0.5, undefined, { window: 1 }))).toEqual([1, 1]);
    // window 0: only the VaR path p2 → (1, 1) as well; α = 0.75 → VaR = 3, window 0 → p1 (1, 2)
    expect(Array.from(componentVaR(pnl, pos, 2, 0.75, undefined, { window: 0 }))).toEqual([1, 2]);
    // α = 0.75, m = 1: losses in [2, 4] → p0, p1, p2: raw = (5/3, 4/3), Σ = 3 = VaR → unchanged
    const c = componentVaR(pnl, pos, 2, 0.75, undefined, { window: 1 });
    expect(c[0]).toBeCloseTo(5 / 3, 14);
    expect(c[1]).toBeCloseTo(4 / 3, 14);
  });

  it('rescales to VaR when the window mean differs, weights enter the average', () => {
    // same block, α = 0.5, weights 1, 1, 1, 3 on p0..p3 (W = 6):
    // losses sorted 1 (p3, w 3), 2 (p2), 3 (p1), 4 (p0); F(1) = 3/6 = 0.5 → VaR = 1 at rank 1
    // m = 1: ranks 1..2 (clipped below) → losses in [1, 2] → p3 (w 3), p2 (w 1)
    // raw_a = (3·1 + 1·1)/4 = 1, raw_b = (3·0 + 1·1)/4 = 0.25; Σ = 1.25 → scale 1/1.25 → (0.8, 0.2)
    const pos = [-3, -1, -1, -2, -1, -1, -1, 0];
    const pnl = rowSums(pos, 2);
    const c = componentVaR(pnl, pos, 2, 0.5, [1, 1, 1, 3], { window: 1 });
    expect(valueAtRisk(pnl, 0.5, [1, 1, 1, 3])).toBe(1);
    expect(c[0]).toBeCloseTo(0.8, 14);
    expect(c[1]).toBeCloseTo(0.2, 14);
  });

  it('validates the window', () => {
    expect(() => componentVaR([1, 2], [1, 2], 1, 0.5, undefined, { window: -1 })).toThrow(/window must be/);
    expect(() => componentVaR([1, 2], [1, 2], 1, 0.5, undefined, { window: 1.5 })).toThrow(RangeError);
  });

  it('stable under ties: a perturbation at rounding level does not split a tied group (issue 13.15)', () => {
    // 20 paths, 2 positions. Losses: 1..8 (paths 0-7), six tied at 10 (paths 8-13), 20..25 (paths 14-19).
    // α = 0.5 → k = ceil(10) − 1 = 9 (0-based) → VaR = 10; window m = 1: sorted[8..10] are all tied at 10.
    // The tied paths split their loss 10 differently between the two positions: (10 − j, j) for j = 0..5.
    const pnl: number[] = [];
    const pos: number[] = [];
    for (let i = 0; i < 8; i++) {
      pnl.push(-(i + 1));
      pos.push(-(i + 1), 0);
    }
    for (let j = 0; j < 6; j++) {
      pnl.push(-10);
      pos.push(-(10 - j), -j);
    }
    for (let i = 0; i < 6; i++) {
      pnl.push(-(20 + i));
      pos.push(0, -(20 + i));
    }
    // Every tied path is in the window: raw = mean over j of (10 − j, j) = (7.5, 2.5), Σ = 10 = VaR.
    const exact = componentVaR(pnl, pos, 2, 0.5, undefined, { window: 1 });
    expect(exact[0]).toBeCloseTo(7.5, 12);
    expect(exact[1]).toBeCloseTo(2.5, 12);
    // Perturb the tied paths' P&L (and their first position) by a few ulps of 10 (1.78e-15 each),
    // in an order that puts the tied paths with most weight on position 2 first.
    const p2 = pnl.slice();
    const q2 = pos.slice();
    for (let j = 0; j < 6; j++) {
      const d = (j - 2.5) * 4e-15;
      p2[8 + j] += d;
      q2[2 * (8 + j)] += d;
    }
    const moved = componentVaR(p2, q2, 2, 0.5, undefined, { window: 1 });
    // Without the tie tolerance only j = 3, 4, 5 (the smallest losses now) would be in the window: (6, 4), 20% off.
    expect(Math.abs(moved[0] - exact[0]) / exact[0]).toBeLessThan(1e-12);
    expect(Math.abs(moved[1] - exact[1]) / exact[1]).toBeLessThan(1e-12);
  });
});

describe('Euler allocation on jointly normal position P&L (closed forms)', () => {
  // Position P&L X_a = e_a · r_a with r ~ N(μ, Σ), Σ = D R D; portfolio P&L ~ N(e·μ, e'Σe).
  // Euler contributions of the normal VaR / ES:
  //   ES_a  = −e_a μ_a + e_a (Σe)_a / σ_p · φ(z_α)/(1 − α)
  //   VaR_a = −e_a μ_a + e_a (Σe)_a / σ_p · z_α
  const nAssets = 4;
  const mu = [0.001, -0.0005, 0.0008, 0.002];
  const vol = [0.02, 0.03, 0.015, 0.05];
  const corr = [
    [1, 0.5, 0.2, 0.3],
    [0.5, 1, -0.3, 0.1],
    [0.2, -0.3, 1, 0.4],
    [0.3, 0.1, 0.4, 1],
  ];
  const exposures = Float64Array.of(1000, -400, 600, 0); // the last position is empty
  const n = 200_000;
  // Cholesky factor of the correlation matrix.
  const L: number[][] = corr.map(() => Array<number>(nAssets).fill(0));
  for (let i = 0; i < nAssets; i++) {
    for (let j = 0; j <= i; j++) {
      let s = corr[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
    }
  }
  const z = normalDraws(n * nAssets, 2024);
  const pos = new Float64Array(n * nAssets);
  for (let p = 0; p < n; p++) {
    for (let a = 0; a < nAssets; a++) {
      let x = 0;
      for (let k = 0; k <= a; k++) x += L[a][k] * z[p * nAssets + k];
      pos[p * nAssets + a] = exposures[a] * (mu[a] + vol[a] * x);
    }
  }
  const pnl = rowSums(pos, nAssets);
  const sigmaE = exposures.map((_, a) => {
    let s = 0;
    for (let b = 0; b < nAssets; b++) s += vol[a] * corr[a][b] * vol[b] * exposures[b];
    return s;
  });
  let variance = 0;
  for (let a = 0; a < nAssets; a++) variance += exposures[a] * sigmaE[a];
  const sigmaP = Math.sqrt(variance);

  it('component ES matches the closed form within Monte Carlo error, sums to ES, empty position 0', () => {
    const alpha = 0.975;
    const c = componentES(pnl, pos, nAssets, alpha);
    const k = normalPdf(normalQuantile(alpha)) / (1 - alpha);
    // Monte Carlo error: a mean of X_a over the n(1 − α) = 5000 tail paths. With β_a = e_a (Σe)_a / σ_p,
    // X_a = mean + β_a Z + independent noise of variance e_a² σ_a² − β_a², so in the tail
    // Var(X_a | Z > q) = e_a² σ_a² − β_a² + β_a² Var(Z | Z > q), Var(Z | Z > q) = 1 + q k − k². 4 sds.
    const q = normalQuantile(alpha);
    const tailVarZ = 1 + q * k - k * k;
    for (let a = 0; a < nAssets; a++) {
      const beta = (exposures[a] * sigmaE[a]) / sigmaP;
      const expected = -exposures[a] * mu[a] + beta * k;
      const sd = Math.sqrt((exposures[a] * vol[a]) ** 2 - beta * beta + beta * beta * tailVarZ);
      const tol = (4 * sd) / Math.sqrt(n * (1 - alpha));
      expect(Math.abs(c[a] - expected)).toBeLessThanOrEqual(tol);
    }
    expect(c[3]).toBe(0);
    const total = c.reduce((s, x) => s + x, 0);
    expect(Math.abs(total - expectedShortfall(pnl, alpha))).toBeLessThan(1e-10 * sigmaP);
  });

  it('component VaR matches the closed form within Monte Carlo error and sums to VaR', () => {
    const alpha = 0.99;
    const c = componentVaR(pnl, pos, nAssets, alpha);
    const zAlpha = normalQuantile(alpha);
    // Monte Carlo error: a mean of X_a over the 2m + 1 = 447 paths of the default window
    // (m = floor(√n / 2) = 223), sd(X_a | L) = √(e_a² σ_a² − β_a²), β_a = e_a (Σe)_a / σ_p. 4 sds.
    const window = 2 * Math.floor(Math.sqrt(n) / 2) + 1;
    for (let a = 0; a < nAssets; a++) {
      const beta = (exposures[a] * sigmaE[a]) / sigmaP;
      const expected = -exposures[a] * mu[a] + beta * zAlpha;
      const tol = (4 * Math.sqrt((exposures[a] * vol[a]) ** 2 - beta * beta)) / Math.sqrt(window);
      expect(Math.abs(c[a] - expected)).toBeLessThanOrEqual(tol);
    }
    expect(c[3]).toBe(0);
    const total = c.reduce((s, x) => s + x, 0);
    expect(Math.abs(total - valueAtRisk(pnl, alpha))).toBeLessThan(1e-10 * sigmaP);
  });

  it('marginals are components per unit of exposure, NaN for the empty position', () => {
    const alpha = 0.975;
    const c = componentES(pnl, pos, nAssets, alpha);
    const m = marginalES(pnl, pos, exposures, alpha);
    for (let a = 0; a < 3; a++) expect(m[a]).toBeCloseTo(c[a] / exposures[a], 14);
    expect(Number.isNaN(m[3])).toBe(true);
    const v = componentVaR(pnl, pos, nAssets, 0.99);
    const mv = marginalVaR(pnl, pos, exposures, 0.99);
    for (let a = 0; a < 3; a++) expect(mv[a]).toBeCloseTo(v[a] / exposures[a], 14);
    expect(Number.isNaN(mv[3])).toBe(true);
  });
});
