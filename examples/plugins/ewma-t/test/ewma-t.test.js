import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { assertConformance, conformanceReturns, InputError, runConformance } from '@tailforge/core';
import ewmaT from '../index.js';
import { ewmaCovariance } from '../ewma.js';
import { studentTPaths } from '../paths.js';

describe('EWMA covariance', () => {
  it('follows the RiskMetrics recursion, by hand', () => {
    // r1 = (0.01, −0.02), r2 = (0.03, 0.01), r3 = (−0.02, 0.02), λ = 0.9.
    // Start S = mean of r rᵀ: S11 = 14e-4/3, S12 = −3e-4/3 = −1e-4, S22 = 9e-4/3 = 3e-4.
    // Σ2 = 0.9 S + 0.1 r1r1ᵀ: (4.3e-4, −1.1e-4, 3.1e-4)
    // Σ3 = 0.9 Σ2 + 0.1 r2r2ᵀ: (4.77e-4, −0.69e-4, 2.89e-4)
    // Σ4 = 0.9 Σ3 + 0.1 r3r3ᵀ: (4.693e-4, −1.021e-4, 3.001e-4)
    const cov = ewmaCovariance(Float64Array.of(0.01, -0.02, 0.03, 0.01, -0.02, 0.02), 3, 2, 0.9);
    expect(cov[0]).toBeCloseTo(4.693e-4, 15);
    expect(cov[1]).toBeCloseTo(-1.021e-4, 15);
    expect(cov[2]).toBeCloseTo(-1.021e-4, 15);
    expect(cov[3]).toBeCloseTo(3.001e-4, 15);
  });

  it('a fit on the Dow prices equals the unrolled sum λ^T S + (1 − λ) Σ λ^(T−t) r_t r_tᵀ', async () => {
    const returns = await conformanceReturns({ symbols: ['IBM', 'KO', 'XOM'], observations: 400 });
    const model = await ewmaT.fit(returns, { lambda: 0.97 }, { seed: 1 });
    const T = returns.dates.length;
    const r = returns.values;
    const unrolled = (i, j) => {
      let s = 0;
      for (let t = 0; t < T; t++) s += r[t * 3 + i] * r[t * 3 + j];
      let sum = 0.97 ** T * (s / T);
      for (let t = 0; t < T; t++) sum += 0.03 * 0.97 ** (T - 1 - t) * r[t * 3 + i] * r[t * 3 + j];
      return sum;
    };
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(model.covariance[i * 3 + j]).toBeCloseTo(unrolled(i, j), 12);
    expect(model.params).toEqual({ lambda: 0.97, dof: 6 });
  });
});

describe('Student-t paths', () => {
  // Σ = [[4e-4, 1.2e-4], [1.2e-4, 9e-4]]: L = [[0.02, 0], [0.006, √(9e-4 − 0.006²) = √8.64e-4]].
  const chol = Float64Array.of(0.02, 0, 0.006, Math.sqrt(8.64e-4));
  const draw = (dof) => {
    const out = new Float32Array(20_000 * 5 * 2);
    studentTPaths(chol, dof, 2, out, 20_000, 5, 11, 0);
    return out;
  };

  it('have covariance Σ (ν = 8; 100,000 days, relative standard error about 0.6%)', () => {
    const x = draw(8);
    const n = x.length / 2;
    let s11 = 0, s12 = 0, s22 = 0;
    for (let k = 0; k < n; k++) {
      s11 += x[2 * k] ** 2;
      s12 += x[2 * k] * x[2 * k + 1];
      s22 += x[2 * k + 1] ** 2;
    }
    expect(s11 / n / 4e-4).toBeCloseTo(1, 1);
    expect(s22 / n / 9e-4).toBeCloseTo(1, 1);
    expect(s12 / n / 1.2e-4).toBeGreaterThan(0.9);
    expect(s12 / n / 1.2e-4).toBeLessThan(1.1);
  });

  it('have Student-t tails: P(|r| > 4σ) for ν = 4 matches the t density integrated by Simpson', () => {
    // r/σ = T·√((ν − 2)/ν) = T/√2 with T ~ t₄, so P(|r| > 4σ) = P(|T| > 4√2);
    // t₄ density f(t) = (3/8)(1 + t²/4)^(−5/2); a normal would give 6.3e-5.
    const c = 4 * Math.SQRT2;
    const f = (t) => 0.375 * (1 + (t * t) / 4) ** -2.5;
    const m = 2000;
    const h = c / m;
    let integral = f(0) + f(c);
    for (let k = 1; k < m; k++) integral += (k % 2 === 1 ? 4 : 2) * f(k * h);
    const expected = 1 - 2 * (integral * h) / 3;
    const x = draw(4);
    const n = x.length / 2;
    let hits = 0;
    for (let k = 0; k < n; k++) if (Math.abs(x[2 * k]) > 4 * 0.02) hits++;
    const se = Math.sqrt((expected * (1 - expected)) / n);
    expect(expected).toBeGreaterThan(0.004);
    expect(Math.abs(hits / n - expected)).toBeLessThan(5 * se);
  });
});

describe('ewma-t model contract', () => {
  it('declares its parameters: defaults, ranges, minimum data λ^T < 1%', () => {
    expect(ewmaT.name).toBe('ewma-t');
    expect(ewmaT.resolveParams({})).toEqual({ lambda: 0.94, dof: 6 });
    // ⌈ln 0.01 / ln λ⌉: 74.4 → 75 at λ = 0.94, 458.2 → 459 at 0.99; at least 30.
    expect(ewmaT.minObservations({})).toBe(75);
    expect(ewmaT.minObservations({ lambda: 0.99 })).toBe(459);
    expect(ewmaT.minObservations({ lambda: 0.5 })).toBe(30);
    expect(ewmaT.resolveParams({ lambda: '0.97', dof: '4' })).toEqual({ lambda: 0.97, dof: 4 });
  });

  it('refuses parameters outside their ranges with InputError', () => {
    expect(() => ewmaT.resolveParams({ lambda: 1 })).toThrow('model ewma-t: parameter lambda must be a number in [0.5, 1), got 1');
    expect(() => ewmaT.resolveParams({ dof: 2 })).toThrow('model ewma-t: parameter dof must be a number in (2, 1000], got 2');
    expect(() => ewmaT.resolveParams({ nu: 5 })).toThrow(InputError);
  });

  it('passes the conformance kit on the shipped Dow Jones prices', async () => {
    const report = await runConformance(ewmaT, { params: { dof: 5 } });
    assertConformance(report);
    expect(report.checks.map((c) => c.status)).toEqual(Array(13).fill('pass'));
  });
});

describe('the README guide', () => {
  it('quotes this plugin\'s index.js verbatim', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    const code = await readFile(new URL('../index.js', import.meta.url), 'utf8');
    expect(readme).toContain(`## Write your own model`);
    expect(readme).toContain(`\`\`\`js\n${code}\`\`\``);
  });
});
