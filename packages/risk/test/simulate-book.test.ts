import { describe, it, expect } from '@jest/globals';
import { bsmPrice, simulateBook, simulatePortfolio, valueAtRisk, type BookInstrument, type OptionInstrument, type PathCube } from '../src/index.js';
import { integrate } from './helpers/gauss-legendre.js';
import { normalDraws } from './helpers/seeded-normal.js';

/** A cube of N(0, sd²) daily log returns. */
function gaussianCube(nPaths: number, horizon: number, nAssets: number, sd: number, seed: number): PathCube {
  const z = normalDraws(nPaths * horizon * nAssets, seed);
  return { values: z.map((x) => sd * x), nPaths, horizon, nAssets };
}

/** Independent European option price: the discounted payoff integrated against the lognormal law (Gauss–Legendre, split at the kink). */
function quadraturePrice(type: 'call' | 'put', S: number, K: number, T: number, r: number, q: number, sigma: number): number {
  if (T === 0) return Math.max(type === 'call' ? S - K : K - S, 0);
  const sd = sigma * Math.sqrt(T);
  const mu = (r - q - 0.5 * sigma * sigma) * T;
  const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const payoff = (z: number) => Math.max(type === 'call' ? S * Math.exp(mu + sd * z) - K : K - S * Math.exp(mu + sd * z), 0) * phi(z);
  const kink = (Math.log(K / S) - mu) / sd;
  const lo = -20;
  const hi = 20;
  const k = Math.min(Math.max(kink, lo), hi);
  return Math.exp(-r * T) * (integrate(payoff, lo, k, 40, 20) + integrate(payoff, k, hi, 40, 20));
}

const CALL: OptionInstrument = { kind: 'option', asset: 0, optionType: 'call', units: 10, spot: 100, strike: 105, expiry: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.25 };

describe('simulateBook', () => {
  it('a long call: P&L on every path equals an independent revaluation (quadrature of the payoff) to 1e-9', () => {
    const cube = gaussianCube(300, 5, 1, 0.015, 3);
    const sim = simulateBook(cube, [CALL], { horizons: [1, 5] });
    const T = (h: number) => CALL.expiry - h / 252;
    const c0 = quadraturePrice('call', 100, 105, 0.5, 0.03, 0.01, 0.25);
    expect(sim.initialValue).toBeCloseTo(10 * c0, 9);
    for (let p = 0; p < 300; p++) {
      let cum = 0;
      for (let t = 0; t < 5; t++) {
        cum += cube.values[p * 5 + t];
        const h = t + 1;
        if (h !== 1 && h !== 5) continue;
        const expected = 10 * (quadraturePrice('call', 100 * Math.exp(cum), 105, T(h), 0.03, 0.01, 0.25) - c0);
        const got = h === 5 ? sim.pnl[p] : sim.pnlByHorizon![0][p];
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), 10 * c0));
      }
    }
  });

  it('put–call parity path by path: call − put − forward has zero P&L', () => {
    const cube = gaussianCube(500, 10, 1, 0.02, 4);
    const put: OptionInstrument = { ...CALL, optionType: 'put', units: -10 };
    const sim = simulateBook(cube, [CALL, put], { keepPositionPnl: true });
    const fwd = (S: number, T: number) => S * Math.exp(-0.01 * T) - 105 * Math.exp(-0.03 * T);
    for (let p = 0; p < 500; p++) {
      let cum = 0;
      for (let t = 0; t < 10; t++) cum += cube.values[p * 10 + t];
      const forwardPnl = 10 * (fwd(100 * Math.exp(cum), 0.5 - 10 / 252) - fwd(100, 0.5));
      expect(sim.pnl[p] - forwardPnl).toBeCloseTo(0, 9);
      // position P&L rows sum to the P&L
      expect(sim.positionPnl![2 * p] + sim.positionPnl![2 * p + 1]).toBeCloseTo(sim.pnl[p], 9);
    }
  });

  it('a delta-hedged short call: 1-day VaR far below the unhedged one and close to the delta-gamma-vega approximation', () => {
    const cube = gaussianCube(20_000, 1, 1, 0.0125, 5);
    const short: OptionInstrument = { ...CALL, strike: 100, units: -100 };
    // delta of the position: −100 · e^{−qT} Φ(d1); hedge with that many units of the underlying
    const d1 = (Math.log(1) + (0.03 - 0.01 + 0.5 * 0.0625) * 0.5) / (0.25 * Math.sqrt(0.5));
    const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const delta = 100 * Math.exp(-0.01 * 0.5) * phi(d1);
    const hedge: BookInstrument = { kind: 'linear', asset: 0, value: delta * 100 };
    const unhedged = simulateBook(cube, [short]);
    const hedged = simulateBook(cube, [short, hedge], { approximation: true });
    const varU = valueAtRisk(unhedged.pnl, 0.99);
    const varH = valueAtRisk(hedged.pnl, 0.99);
    const varA = valueAtRisk(hedged.approximatePnl!, 0.99);
    expect(varH).toBeGreaterThan(0);
    expect(varH).toBeLessThan(0.2 * varU);
    expect(Math.abs(varA - varH)).toBeLessThan(0.02 * varH);
  });

  it('a linear book without FX reproduces simulatePortfolio', () => {
    const cube = gaussianCube(100, 7, 3, 0.02, 6);
    const e = Float64Array.of(1000, -400, 250);
    const plain = simulatePortfolio(cube, e, { horizons: [3], drawdownBase: 1650, drawdownDetail: true });
    const book = simulateBook(cube, [0, 1, 2].map((a) => ({ kind: 'linear' as const, asset: a, value: e[a] })), { horizons: [3], drawdownBase: 1650, drawdownDetail: true });
    for (let p = 0; p < 100; p++) {
      expect(book.pnl[p]).toBeCloseTo(plain.pnl[p], 9);
      expect(book.pnlByHorizon![0][p]).toBeCloseTo(plain.pnlByHorizon![0][p], 9);
      expect(book.maxDrawdown[p]).toBeCloseTo(plain.maxDrawdown[p], 12);
    }
  });

  it('currencies: foreign cash moves with its FX column only; its VaR equals the FX rate held as an asset; an inverse quote divides', () => {
    const cube = gaussianCube(2000, 10, 2, 0.006, 7);
    // column 1 is EURUSD (USD per EUR) at 1.1; 1,000,000 EUR in a USD book
    const cash = simulateBook(cube, [{ kind: 'cash', amount: 1e6, fx: 1, fxRate: 1.1 }]);
    const asAsset = simulatePortfolio(cube, Float64Array.of(0, 1.1e6));
    expect(cash.initialValue).toBeCloseTo(1.1e6, 6);
    expect(valueAtRisk(cash.pnl, 0.99)).toBeCloseTo(valueAtRisk(asAsset.pnl, 0.99), 6);
    // the same column quoted as USD per EUR seen from a EUR book holding USD: value / move
    const inv = simulateBook(cube, [{ kind: 'cash', amount: 1e6, fx: 1, fxInverse: true, fxRate: 1 / 1.1 }]);
    let cum = 0;
    for (let t = 0; t < 10; t++) cum += cube.values[t * 2 + 1];
    expect(inv.pnl[0]).toBeCloseTo((1e6 / 1.1) * (Math.exp(-cum) - 1), 6);
    // a foreign equity: value · m_asset · m_fx
    const eq = simulateBook(cube, [{ kind: 'linear', asset: 0, value: 5e5, fx: 1, fxRate: 1.1 }]);
    let c0 = 0;
    for (let t = 0; t < 10; t++) c0 += cube.values[t * 2];
    expect(eq.pnl[0]).toBeCloseTo(5e5 * 1.1 * (Math.exp(c0 + cum) - 1), 6);
  });

  it('a future is worth 0 today and earns notional × the return; cash in the base currency has no P&L', () => {
    const cube = gaussianCube(50, 4, 1, 0.01, 8);
    const sim = simulateBook(cube, [{ kind: 'future', asset: 0, notional: -2e6 }, { kind: 'cash', amount: 3e5 }]);
    expect(sim.initialValue).toBe(3e5);
    for (let p = 0; p < 50; p++) {
      let cum = 0;
      for (let t = 0; t < 4; t++) cum += cube.values[p * 4 + t];
      expect(sim.pnl[p]).toBeCloseTo(-2e6 * Math.expm1(cum), 6);
    }
  });

  it('implied volatility: a vol shift reprices at σ + shift; the realised rule scales σ by the EWMA volatility over the reference', () => {
    const up = { values: Float64Array.of(0.02, -0.01), nPaths: 1, horizon: 2, nAssets: 1 };
    const shifted = simulateBook(up, [{ ...CALL, units: 1, volShift: 0.1 }]);
    const spot = 100 * Math.exp(0.01);
    const at = (vol: number) => bsmPrice({ type: 'call', spot, strike: 105, expiry: 0.5 - 2 / 252, rate: 0.03, dividendYield: 0.01, volatility: vol });
    const c0 = bsmPrice({ type: 'call', spot: 100, strike: 105, expiry: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.25 });
    expect(shifted.pnl[0]).toBeCloseTo(at(0.35) - c0, 12);
    const realised = simulateBook(up, [{ ...CALL, units: 1, volRule: 'realised', referenceVol: 0.01 }]);
    const v1 = 0.94 * 0.01 ** 2 + 0.06 * 0.02 ** 2;
    const v2 = 0.94 * v1 + 0.06 * 0.01 ** 2;
    const sigma = (0.25 * Math.sqrt(v2)) / 0.01;
    expect(realised.pnl[0]).toBeCloseTo(at(sigma) - c0, 12);
  });

  it('rejects bad instruments with the index and field', () => {
    const cube = gaussianCube(2, 1, 1, 0.01, 9);
    expect(() => simulateBook(cube, [{ kind: 'linear', asset: 3, value: 1 }])).toThrow('instruments[0].asset');
    expect(() => simulateBook(cube, [CALL, { ...CALL, strike: -1 }])).toThrow(/strike/);
    expect(() => simulateBook(cube, [{ ...CALL, volRule: 'realised' }])).toThrow('instruments[0].referenceVol');
  });
});

/** erf by its Maclaurin series (|x| < 3 here), independent of the code under test. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
