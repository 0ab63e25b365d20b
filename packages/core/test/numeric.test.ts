import { describe, expect, it } from '@jest/globals';
import { logGamma, nelderMead } from '../src/index.js';
import { maximizeScalar } from '../src/numeric/maximize-scalar.js';

describe('nelderMead', () => {
  it('finds the minimum of Rosenbrock’s valley, (1, 1), from the classic start (−1.2, 1)', () => {
    const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
    expect(r.value).toBeLessThan(1e-10);
  });

  it('finds the centre of an ill-scaled, rotated quadratic in 4 dimensions', () => {
    // f(x) = Σ_i c_i (u_i)² with u = x − m mixed by a rotation in the (0,1) plane: minimum 0 at m.
    const m = [3, -2, 0.5, 10];
    const c = [1, 100, 0.01, 5];
    const f = (x: Float64Array): number => {
      const d0 = x[0] - m[0];
      const d1 = x[1] - m[1];
      const u0 = (d0 + d1) / Math.SQRT2;
      const u1 = (d0 - d1) / Math.SQRT2;
      return c[0] * u0 * u0 + c[1] * u1 * u1 + c[2] * (x[2] - m[2]) ** 2 + c[3] * (x[3] - m[3]) ** 2;
    };
    const r = nelderMead(f, [0, 0, 0, 0], { initialStep: 1, maxEvaluations: 20_000, xTolerance: 1e-9, fTolerance: 1e-14 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 4; i++) expect(Math.abs(r.x[i] - m[i])).toBeLessThan(1e-5);
  });

  it('treats NaN and ∞ as +∞: steps that leave the domain are rejected', () => {
    // √x is NaN for x < 0; the minimum of (√x − 0.5)² is at x = 0.25, near the edge of the domain.
    let calls = 0;
    const f = (x: Float64Array): number => {
      calls++;
      return (Math.sqrt(x[0]) - 0.5) ** 2;
    };
    const r = nelderMead(f, [2], { initialStep: 1 });
    expect(Math.abs(r.x[0] - 0.25)).toBeLessThan(1e-6);
    expect(r.evaluations).toBe(calls);
  });

  it('stops at maxEvaluations and says it did not converge', () => {
    const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
    expect(r.converged).toBe(false);
    // One iteration may add up to n + 1 = 3 evaluations (a shrink) past the check.
    expect(r.evaluations).toBeLessThanOrEqual(32);
    expect(r.value).toBeLessThan(24.2); // better than the start, f(−1.2, 1) = 24.2
  });
});

describe('logGamma', () => {
  /** Stirling's series to the 1/x⁷ term; its error is below 1/(1188 x⁹) ≈ 1.6e-15 for x ≥ 20. */
  const stirling = (x: number): number =>
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5) - 1 / (1680 * x ** 7);

  it('matches closed forms: Γ(½) = √π, Γ(n) = (n − 1)!, Γ(7/2) = (15/8)√π', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(logGamma(3.5)).toBeCloseTo(Math.log((15 / 8) * Math.sqrt(Math.PI)), 14);
    // Γ(0.1) = 9.513507698668731836... (reflection branch)
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668731836), 13);
  });

  it('matches Stirling’s series for large x and the recurrence ln Γ(x + 1) = ln Γ(x) + ln x', () => {
    for (const x of [20, 25.3, 100.5, 201, 1e4]) expect(Math.abs(logGamma(x) - stirling(x))).toBeLessThan(1e-13 * stirling(x));
    for (const x of [0.3, 1.7, 2.05, 4.4, 51.5]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
  });

  it('is NaN outside x > 0', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });
});

describe('maximizeScalar', () => {
  it('finds an interior maximum and a boundary one', () => {
    expect(maximizeScalar((x) => -((x - 1.234567) ** 2), -5, 5).x).toBeCloseTo(1.234567, 7);
    const edge = maximizeScalar((x) => x, 0, 2);
    expect(edge.x).toBe(2);
    expect(edge.value).toBe(2);
  });

  it('picks the higher of two bumps (the grid brackets it)', () => {
    // Bumps at 1 (height 1) and 4 (height 2); golden section alone from [0, 5] could settle on either.
    const f = (x: number): number => Math.exp(-8 * (x - 1) ** 2) + 2 * Math.exp(-8 * (x - 4) ** 2);
    expect(maximizeScalar(f, 0, 5, { gridPoints: 12 }).x).toBeCloseTo(4, 6);
  });
});
