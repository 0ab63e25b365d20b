import { Rng, registerBuiltinModels, type PriceTable } from '@tailforge/core';
import type { ModelEvaluation } from '../src/backtest/evaluate.js';
import { stressTest } from '../src/run/stress-test.js';
import { buildSummary } from '../src/summary/summary.js';
import { riskCsv } from '../src/summary/risk-csv.js';
import { frtbES } from '../src/regulatory/frtb-es.js';
import { historicalPositionPnl } from '../src/regulatory/position-pnl.js';
import { regulatoryCapital } from '../src/regulatory/regulatory-capital.js';

/** Business-day-like ISO dates from 2000-01-03 on (every calendar day is fine for the engine). */
function dates(n: number): string[] {
  const t0 = Date.UTC(2000, 0, 3);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Two assets over 1201 prices: daily log-return sd 0.5%, except the 250
 * returns 400..649 with sd 3% (the planted stressed period).
 */
function plantedCrash(): { table: PriceTable; from: number; to: number } {
  const T = 1201;
  const A = 2;
  const rng = new Rng(11);
  const prices = new Float64Array(T * A);
  prices[0] = 100;
  prices[1] = 50;
  for (let t = 1; t < T; t++) {
    const sd = t - 1 >= 400 && t - 1 < 650 ? 0.03 : 0.005;
    for (let a = 0; a < A; a++) prices[t * A + a] = prices[(t - 1) * A + a] * Math.exp(sd * rng.normal());
  }
  return { table: { dates: dates(T), symbols: ['AAA', 'BBB'], prices }, from: 400, to: 649 };
}

describe('regulatory view', () => {
  beforeAll(() => registerBuiltinModels());

  it.each(['gaussian', 'bootstrap'])('finds the planted volatile period, and sVaR >= VaR there (%s)', async (model) => {
    const { table, from, to } = plantedCrash();
    const r = await stressTest({
      portfolio: { positions: [{ symbol: 'AAA', quantity: 100 }, { symbol: 'BBB', quantity: 300 }] },
      prices: table,
      model,
      paths: 4000,
      seed: 5,
      regulatory: {},
    });
    const g = r.regulatory!;
    const returnDates = table.dates.slice(1);
    // The 250-day period with the largest 10-day 99% VaR lies mostly on the planted one. Not exactly: 99% VaR of
    // 241 windows is about their 3rd-largest loss, the same for every period that holds the worst few windows.
    const first = returnDates.indexOf(g.stressedPeriod.from);
    expect(Math.abs(first - from)).toBeLessThan(125);
    expect(returnDates.indexOf(g.stressedPeriod.to)).toBe(first + 249);
    expect(to - from + 1).toBe(250);
    // The stressed period is the most volatile: stressed VaR above today's VaR on both bases. Historical: the last
    // 250 days are calm (sd 0.5% against 3%). Model: today's fit sees the whole history, an average sd of about
    // 1.5%, so sVaR is about twice VaR, not six times.
    expect(g.svar.model!).toBeGreaterThanOrEqual(g.var.model);
    expect(g.svar.historical).toBeGreaterThanOrEqual(g.var.historical);
    expect(g.svar.historical / g.var.historical).toBeGreaterThan(3);
    expect(g.svar.model! / g.var.model).toBeGreaterThan(1.3);
    // FRTB ES on the model basis; the stressed calibration too.
    expect(g.frtb.basis).toBe('model');
    expect(g.frtb.stressed!.es).toBeGreaterThan(g.frtb.es);
  });

  it('summary.regulatory and the risk.csv rows; absent when not asked for', async () => {
    const { table } = plantedCrash();
    const base = { portfolio: { positions: [{ symbol: 'AAA', quantity: 100, liquidityHorizon: 40 }, { symbol: 'BBB', quantity: 300 }] }, prices: table, model: 'gaussian', paths: 1000, horizon: 5 };
    const plain = buildSummary(await stressTest(base));
    expect('regulatory' in plain).toBe(false);
    expect(riskCsv(plain)).not.toMatch(/sVaR/);
    const s = buildSummary(await stressTest({ ...base, regulatory: { factors: ['BBB'], stressedMeasure: 'es' } }));
    const g = s.regulatory!;
    expect(g.stressedPeriod.measure).toBe('es');
    expect(g.stressedPeriod.confidence).toBe(0.975);
    expect(g.liquidityHorizons).toEqual([{ symbol: 'AAA', days: 40, source: 'position' }, { symbol: 'BBB', days: 10, source: 'default' }]);
    // Buckets 10, 20, 40: ES_T(P), then only AAA (LH 40) shocked twice.
    expect(g.frtb.esByBucket).toHaveLength(3);
    expect(g.frtb.esByBucket[1]).toBe(g.frtb.esByBucket[2]);
    expect(g.frtb.reducedFactors).toMatchObject({ symbols: ['BBB'], chosenBy: 'user' });
    expect(g.capital).toMatchObject({ available: false });
    const rows = riskCsv(s).trim().split('\n').filter((l) => /,(VaR_regulatory|VaR_regulatory_historical|sVaR|sVaR_historical|ES_frtb|ES_frtb_stressed|capital_illustration),/.test(l));
    expect(rows.map((l) => l.split(',')[4])).toEqual(['VaR_regulatory', 'VaR_regulatory_historical', 'sVaR', 'sVaR_historical', 'ES_frtb', 'ES_frtb_stressed', 'capital_illustration']);
    expect(rows.every((l) => l.split(',')[3] === '10')).toBe(true);
    expect(Number(rows[2].split(',')[6])).toBeCloseTo(g.svar.model!, 6);
  });

  it('rejects a reduced factor the portfolio does not hold, naming it', async () => {
    const { table } = plantedCrash();
    await expect(stressTest({ portfolio: { positions: [{ symbol: 'AAA', quantity: 1 }] }, prices: table, model: 'gaussian', paths: 200, regulatory: { factors: ['BBB'] } }))
      .rejects.toThrow('--regulatory-factors names BBB, which the portfolio does not hold (it holds AAA)');
  });
});

describe('frtbES: the cascade over three liquidity buckets, by hand', () => {
  it('40 scenarios: 97.5% ES is the single worst loss of each bucket', () => {
    // Assets with LH 10, 20, 40. Scenario 0 hurts asset 0, scenario 1 asset 1, scenario 2 asset 2; the rest gain 1 each.
    const A = 3;
    const rows = 40;
    const v = new Float64Array(rows * A).fill(1);
    v.set([-8, 1, 1], 0);
    v.set([1, -6, 1], 3);
    v.set([1, 1, -4], 6);
    const m = { values: v, rows, nAssets: A };
    const r = frtbES(m, [10, 20, 40], [true, true, true]);
    // Bucket 1 (all): worst sum −8+1+1 = −6 → ES 6. Bucket 2 (assets 1, 2): worst −6+1 = −5 → 5. Bucket 3 (asset 2): 4.
    [6, 5, 4].forEach((e, j) => expect(r.esByBucket[j]).toBeCloseTo(e, 12));
    // √(6² + (5·√(10/10))² + (4·√(20/10))²) = √(36 + 25 + 32) = √93
    expect(r.es).toBeCloseTo(Math.sqrt(93), 12);
    // A reduced set {0}: one bucket (its LH is 10).
    const reduced = frtbES(m, [10, 20, 40], [true, false, false]);
    expect(reduced.esByBucket).toHaveLength(1);
    expect(reduced.es).toBeCloseTo(8, 12);
  });

  it('historicalPositionPnl matches the window sums computed directly', () => {
    const r = Float64Array.of(0.01, -0.02, 0.03, 0.01, -0.05, 0.02, 0.04, 0);
    const m = historicalPositionPnl(r, 2, Float64Array.of(100, -50), 2, 1, 2);
    const direct = [100 * Math.expm1(0.03 - 0.05), -50 * Math.expm1(0.01 + 0.02), 100 * Math.expm1(-0.05 + 0.04), -50 * Math.expm1(0.02 + 0)];
    expect(m.values).toHaveLength(4);
    direct.forEach((v, i) => expect(m.values[i]).toBeCloseTo(v, 12));
  });
});

describe('regulatoryCapital on a fixed 60-run history', () => {
  const runs = (n: number) => Array.from({ length: n }, (_, i) => ({ var: i === n - 1 ? 12 : 10, svar: i === n - 1 ? 25 : 20 }));
  const backtestWith = (exceptions: number, observations = 250): ModelEvaluation[] => [
    { model: 'gaussian', fits: 1, levels: [{ confidence: 0.99, observations, exceptions, expectedExceptions: 2.5, exceptionRate: 0, kupiec: { lr: 0, pValue: 1 }, christoffersen: { lrInd: 0, pInd: 1, lrCc: 0, pCc: 1 }, basel: { zone: exceptions >= 5 ? 'yellow' : 'green', exceptions, observations, cumulativeProbability: 0.5 }, z2: 0 }] },
  ];

  it('m = 3 assumed without a backtest: max(12, 3 · 10.0333…) + max(25, 3 · 20.0833…) = 90.35', () => {
    const c = regulatoryCapital(runs(60));
    expect(c.available).toBe(true);
    if (!c.available) return;
    expect(c.multiplierSource).toBe('assumed');
    expect(c.varAverage).toBeCloseTo(602 / 60, 12);
    expect(c.svarAverage).toBeCloseTo(1205 / 60, 12);
    expect(c.capital).toBeCloseTo(3 * 602 / 60 + 3 * 1205 / 60, 10); // 30.1 + 60.25
    expect(c.capital).toBeCloseTo(90.35, 10);
    expect(c.note).toMatch(/not a regulatory filing.*m = 3 assumed/);
  });

  it('m = 3.4 from 5 backtest exceptions (yellow): 102.3966…; the last 60 of 70 runs only', () => {
    const c = regulatoryCapital([...Array.from({ length: 10 }, () => ({ var: 1000, svar: 1000 })), ...runs(60)], backtestWith(5));
    if (!c.available) throw new Error('expected a capital');
    expect(c.multiplier).toBeCloseTo(3.4, 12);
    expect(c.multiplierSource).toBe('backtest');
    expect(c.backtest).toEqual({ zone: 'yellow', exceptions: 5, observations: 250 });
    expect(c.capital).toBeCloseTo(3.4 * 602 / 60 + 3.4 * 1205 / 60, 10);
  });

  it('the latest run wins when it exceeds m times the average', () => {
    const h = runs(60).map((r, i) => (i === 59 ? { var: 100, svar: 200 } : r));
    const c = regulatoryCapital(h);
    if (!c.available) throw new Error('expected a capital');
    expect(c.varTerm).toBe(100);
    expect(c.svarTerm).toBe(200);
    expect(c.capital).toBe(300);
  });

  it('fewer than 60 earlier runs: not available, saying how many there are', () => {
    expect(regulatoryCapital(runs(59))).toEqual({ available: false, runs: 59, note: 'the capital combination needs 60 earlier runs of this series with the regulatory view in the history, found 59' });
  });
});
