import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  breachProbability,
  componentES,
  componentVaR,
  conditionalDrawdownAtRisk,
  drawdownAtRisk,
  drawdownStats,
  expectedShortfall,
  maxDrawdown,
  valueAtRisk,
} from '../src/index.js';

const alphaArb = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const mddArb = fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 60 });
const weightsFor = (n: number) => fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: n, maxLength: n });

/** A sample of position P&L blocks: nPaths × nAssets, with the row sums as the portfolio P&L. */
const blockArb = fc
  .record({ nPaths: fc.integer({ min: 1, max: 40 }), nAssets: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nPaths, nAssets }) =>
    fc.record({
      nAssets: fc.constant(nAssets),
      positionPnl: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), {
        minLength: nPaths * nAssets,
        maxLength: nPaths * nAssets,
      }),
      weights: weightsFor(nPaths),
    }),
  );

function rowSums(positionPnl: readonly number[], nAssets: number): Float64Array {
  const out = new Float64Array(positionPnl.length / nAssets);
  for (let i = 0; i < out.length; i++) for (let a = 0; a < nAssets; a++) out[i] += positionPnl[i * nAssets + a];
  return out;
}

const sum = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);

describe('drawdown risk properties', () => {
  it('CDaR >= DaR, weighted or not', () => {
    fc.assert(
      fc.property(
        mddArb.chain((m) => fc.tuple(fc.constant(m), weightsFor(m.length))),
        alphaArb,
        ([mdd, w], alpha) => {
          expect(conditionalDrawdownAtRisk(mdd, alpha)).toBeGreaterThanOrEqual(drawdownAtRisk(mdd, alpha));
          expect(conditionalDrawdownAtRisk(mdd, alpha, w)).toBeGreaterThanOrEqual(drawdownAtRisk(mdd, alpha, w));
        },
      ),
    );
  });

  it('breachProbability is non-increasing in the limit and P(MDD >= DaR) >= 1 − α', () => {
    fc.assert(
      fc.property(
        mddArb.chain((m) => fc.tuple(fc.constant(m), weightsFor(m.length))),
        fc.double({ min: -1, max: 4, noNaN: true }),
        fc.double({ min: -1, max: 4, noNaN: true }),
        alphaArb,
        ([mdd, w], a, b, alpha) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(breachProbability(mdd, hi)).toBeLessThanOrEqual(breachProbability(mdd, lo));
          expect(breachProbability(mdd, hi, w)).toBeLessThanOrEqual(breachProbability(mdd, lo, w));
          // P(MDD >= DaR) = 1 − P(MDD < DaR) >= 1 − α (up to the 1e-12 slack on α)
          expect(breachProbability(mdd, drawdownAtRisk(mdd, alpha, w), w)).toBeGreaterThanOrEqual(1 - alpha - 1e-9);
        },
      ),
    );
  });

  it('drawdownStats: MDD as maxDrawdown, duration = time to recovery + (trough − peak) <= steps − 1', () => {
    const pathArb = fc.array(fc.double({ min: 1, max: 200, noNaN: true }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(pathArb, (values) => {
        const s = drawdownStats(Float64Array.from(values), 1, values.length);
        expect(s.maxDrawdown[0]).toBe(maxDrawdown(values));
        expect(s.drawdownDuration[0]).toBeLessThanOrEqual(values.length - 1);
        expect(s.drawdownDuration[0]).toBeGreaterThanOrEqual(0);
        if (s.recovered[0] === 1) {
          expect(s.timeToRecovery[0]).toBeGreaterThanOrEqual(0);
          expect(s.timeToRecovery[0]).toBeLessThanOrEqual(s.drawdownDuration[0]);
        } else {
          expect(Number.isNaN(s.timeToRecovery[0])).toBe(true);
          expect(s.maxDrawdown[0]).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('Euler allocation properties', () => {
  it('component ES sums to ES and component VaR to VaR (weighted and not)', () => {
    fc.assert(
      fc.property(blockArb, alphaArb, ({ nAssets, positionPnl, weights }, alpha) => {
        const pnl = rowSums(positionPnl, nAssets);
        const tol = 1e-9 * (1 + positionPnl.reduce((m, x) => Math.max(m, Math.abs(x)), 0) * nAssets);
        expect(Math.abs(sum(componentES(pnl, positionPnl, nAssets, alpha)) - expectedShortfall(pnl, alpha))).toBeLessThanOrEqual(tol);
        expect(
          Math.abs(sum(componentES(pnl, positionPnl, nAssets, alpha, weights)) - expectedShortfall(pnl, alpha, weights)),
        ).toBeLessThanOrEqual(tol);
        const v = valueAtRisk(pnl, alpha, weights);
        const cv = componentVaR(pnl, positionPnl, nAssets, alpha, weights);
        // rescaled to VaR unless the window's mean loss is exactly 0 (then left as is)
        if (sum(cv) !== 0 || v === 0) expect(Math.abs(sum(cv) - v)).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it('integer weights equal replicating the paths (component ES)', () => {
    const caseArb = fc
      .array(
        fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 0, max: 3 })),
        { minLength: 1, maxLength: 25 },
      )
      .filter((rows) => rows.some(([, , k]) => k > 0));
    fc.assert(
      fc.property(caseArb, alphaArb, (rows, alpha) => {
        const pos = rows.flatMap(([a, b]) => [a, b]);
        const w = rows.map(([, , k]) => k);
        const replicated = rows.flatMap(([a, b, k]) => Array.from({ length: k }, () => [a, b]).flat());
        const weighted = componentES(rowSums(pos, 2), pos, 2, alpha, w);
        const plain = componentES(rowSums(replicated, 2), replicated, 2, alpha);
        expect(Math.abs(weighted[0] - plain[0])).toBeLessThanOrEqual(1e-9 * 100);
        expect(Math.abs(weighted[1] - plain[1])).toBeLessThanOrEqual(1e-9 * 100);
      }),
    );
  });
});
