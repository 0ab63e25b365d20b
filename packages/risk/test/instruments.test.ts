import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { bsmDelta, bsmGamma, bsmPrice, bsmVega, deltaGammaVegaPnl, type BsmOption } from '../src/index.js';

// Reference values: mpmath at 30 digits of the closed forms (independent of the code under test).
const hull: Omit<BsmOption, 'type'> = { spot: 42, strike: 40, expiry: 0.5, rate: 0.1, volatility: 0.2 };
const haug: Omit<BsmOption, 'type'> = { spot: 100, strike: 95, expiry: 0.5, rate: 0.1, dividendYield: 0.05, volatility: 0.2 };
const atm: Omit<BsmOption, 'type'> = { spot: 100, strike: 100, expiry: 1, rate: 0.05, dividendYield: 0.02, volatility: 0.25 };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('bsmPrice', () => {
  it.each([
    // Hull Example 15.6 (c = 4.76, p = 0.81); Haug, generalized BSM put with q = 5% (2.4648)
    ['Hull call', { ...hull, type: 'call' }, 4.7594223928715332196],
    ['Hull put', { ...hull, type: 'put' }, 0.80859937290009358326],
    ['Haug call', { ...haug, type: 'call' }, 9.6289835220212571653],
    ['Haug put', { ...haug, type: 'put' }, 2.4647876467558211663],
    ['ATM call', { ...atm, type: 'call' }, 11.123761928058131576],
    ['ATM put', { ...atm, type: 'put' }, 8.2268370474540022629],
  ] as Array<[string, BsmOption, number]>)('%s to 1e-13 relative', (_, option, value) => {
    expect(rel(bsmPrice(option), value)).toBeLessThan(1e-13);
  });

  it('put–call parity: call − put = S e^{−qT} − K e^{−rT}', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: -0.02, max: 0.15, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        (spot, strike, expiry, rate, dividendYield, volatility) => {
          const o = { spot, strike, expiry, rate, dividendYield, volatility };
          const lhs = bsmPrice({ ...o, type: 'call' }) - bsmPrice({ ...o, type: 'put' });
          const rhs = spot * Math.exp(-dividendYield * expiry) - strike * Math.exp(-rate * expiry);
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-11 * Math.max(spot, strike));
        },
      ),
    );
  });

  it('at expiry and at zero volatility: the (discounted) forward payoff', () => {
    expect(bsmPrice({ ...hull, type: 'call', expiry: 0 })).toBe(2);
    expect(bsmPrice({ ...hull, type: 'put', expiry: 0 })).toBe(0);
    // σ = 0, T = 0.5: 42 − 40 e^{−0.05} = 3.9507737…
    expect(bsmPrice({ ...hull, type: 'call', volatility: 0 })).toBeCloseTo(42 - 40 * Math.exp(-0.05), 13);
    expect(bsmPrice({ ...hull, type: 'put', volatility: 0 })).toBe(0);
  });

  it('validates', () => {
    expect(() => bsmPrice({ ...hull, type: 'call', spot: 0 })).toThrow(/spot must be a finite number > 0/);
    expect(() => bsmPrice({ ...hull, type: 'call', expiry: -1 })).toThrow(/expiry must be a finite number of years >= 0/);
    expect(() => bsmPrice({ ...hull, type: 'call', volatility: -0.1 })).toThrow(/volatility must be a finite number >= 0/);
    expect(() => bsmPrice({ ...hull, type: 'straddle' as 'call' })).toThrow(/type must be 'call' or 'put'/);
  });
});

describe('bsmDelta, bsmGamma, bsmVega', () => {
  it.each([
    ['Hull', hull, 0.77913129094266894042, -0.22086870905733105958, 0.049962670405911855657, 8.8134150596028513379],
    ['Haug', haug, 0.71112831239226026039, -0.26418159963607240824, 0.022839574296269991285, 22.839574296269991285],
    ['ATM', atm, 0.58495491125788313239, -0.39524376204887216983, 0.015179235690178281387, 37.948089225445703468],
  ] as Array<[string, Omit<BsmOption, 'type'>, number, number, number, number]>)(
    '%s closed forms to 1e-13 relative',
    (_, o, dc, dp, g, v) => {
      expect(rel(bsmDelta({ ...o, type: 'call' }), dc)).toBeLessThan(1e-13);
      expect(rel(bsmDelta({ ...o, type: 'put' }), dp)).toBeLessThan(1e-13);
      expect(rel(bsmGamma({ ...o, type: 'call' }), g)).toBeLessThan(1e-13);
      expect(bsmGamma({ ...o, type: 'put' })).toBe(bsmGamma({ ...o, type: 'call' }));
      expect(rel(bsmVega({ ...o, type: 'put' }), v)).toBeLessThan(1e-13);
    },
  );

  it('agree with central finite differences of bsmPrice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'call' | 'put'>('call', 'put'),
        fc.double({ min: 50, max: 150, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 0.6, noNaN: true }),
        (type, strike, expiry, volatility) => {
          const o: BsmOption = { type, spot: 100, strike, expiry, rate: 0.03, dividendYield: 0.01, volatility };
          const h = 1e-3;
          const up = bsmPrice({ ...o, spot: 100 + h });
          const dn = bsmPrice({ ...o, spot: 100 - h });
          const mid = bsmPrice(o);
          expect(bsmDelta(o)).toBeCloseTo((up - dn) / (2 * h), 7);
          expect(bsmGamma(o)).toBeCloseTo((up - 2 * mid + dn) / (h * h), 3);
          const hv = 1e-5;
          expect(bsmVega(o)).toBeCloseTo((bsmPrice({ ...o, volatility: volatility + hv }) - bsmPrice({ ...o, volatility: volatility - hv })) / (2 * hv), 5);
        },
      ),
    );
  });

  it('degenerate σ√T = 0: step delta, zero gamma, vega limits', () => {
    expect(bsmDelta({ ...hull, type: 'call', expiry: 0 })).toBe(1);
    expect(bsmDelta({ ...hull, type: 'put', expiry: 0 })).toBe(-0);
    expect(bsmDelta({ ...hull, type: 'call', expiry: 0, strike: 42 })).toBe(0.5);
    expect(bsmGamma({ ...hull, type: 'call', expiry: 0 })).toBe(0);
    expect(bsmVega({ ...hull, type: 'call', expiry: 0 })).toBe(0);
    expect(bsmVega({ ...hull, type: 'call', volatility: 0 })).toBe(0);
    // at the forward (r = q): the σ → 0 limit S e^{−qT} √T φ(0)
    expect(bsmVega({ type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0, volatility: 0 })).toBeCloseTo(100 / Math.sqrt(2 * Math.PI), 12);
  });
});

describe('deltaGammaVegaPnl', () => {
  it('hand computation', () => {
    expect(deltaGammaVegaPnl(0.5, 0.04, 20, 2, 0.01)).toBeCloseTo(1.28, 15);
    expect(deltaGammaVegaPnl(-0.3, 0.02, 10, -3)).toBeCloseTo(0.9 + 0.09, 15);
  });

  it('tracks full revaluation for small moves, error shrinking at least quadratically with the move', () => {
    const o: BsmOption = { ...atm, type: 'call' };
    const d = bsmDelta(o);
    const g = bsmGamma(o);
    const v = bsmVega(o);
    const base = bsmPrice(o);
    const err = (k: number) => {
      const full = bsmPrice({ ...o, spot: 100 + 2 * k, volatility: 0.25 + 0.01 * k }) - base;
      return Math.abs(full - deltaGammaVegaPnl(d, g, v, 2 * k, 0.01 * k));
    };
    const pnl1 = bsmPrice({ ...o, spot: 102, volatility: 0.26 }) - base;
    expect(err(1)).toBeLessThan(0.02 * Math.abs(pnl1));
    // halving the move divides the error by about 4 (cross term ΔS·Δσ and Δσ² are second order)
    expect(err(0.5)).toBeLessThan(err(1) / 3);
    // a delta-hedged long call: small P&L, close to ½ Γ ΔS² for a pure spot move
    const hedged = bsmPrice({ ...o, spot: 101 }) - base - d * 1;
    expect(hedged).toBeCloseTo(0.5 * g, 3);
  });

  it('validates', () => {
    expect(() => deltaGammaVegaPnl(NaN, 0, 0, 1)).toThrow(/delta must be a finite number/);
  });
});
