import { describe, it, expect, beforeAll } from '@jest/globals';
import { join, resolve } from 'node:path';
import { getModel, readPricesCsv, registerBuiltinModels, sliceDates, toLogReturns, type ScenarioModel } from '@tailforge/core';
import {
  anomalyFindings,
  cornishFisherFindings,
  droppedHorizonFindings,
  runWarnings,
  staleModelFindings,
  stressTest,
  tailPathFindings,
  todaysAnomaly,
  buildSummary,
  riskCsv,
} from '../src/index.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');

describe('run sanity checks', () => {
  beforeAll(() => registerBuiltinModels());

  it('few-tail-paths: fires below 10/(1 − α) paths, silent at it', () => {
    // 10/(1 − 0.99) = 1000 paths; 10/(1 − 0.95) = 200.
    expect(tailPathFindings(1000, [0.95, 0.99])).toEqual([]);
    const f = tailPathFindings(999, [0.95, 0.99]);
    expect(f.map((x) => [x.code, x.severity, x.details?.confidence, x.details?.pathsNeeded])).toEqual([['few-tail-paths', 'warn', 0.99, 1000]]);
    expect(tailPathFindings(10, [0.95, 0.99]).length).toBe(2);
  });

  it('horizons-dropped: only horizons beyond --horizon', () => {
    expect(droppedHorizonFindings([1, 5, 10], 10)).toEqual([]);
    expect(droppedHorizonFindings(undefined, 10)).toEqual([]);
    const [f] = droppedHorizonFindings([1, 20, 60], 10);
    expect(f.code).toBe('horizons-dropped');
    expect(f.details?.dropped).toBe('20,60');
  });

  it('stale-model: counts the price dates after the model\'s last date against the limit', () => {
    const dates = ['2001-01-01', '2001-01-02', '2001-01-03', '2001-01-04', '2001-01-05'];
    const model = { fitInfo: { lastDate: '2001-01-02' } } as unknown as ScenarioModel;
    expect(staleModelFindings(model, dates, 3)).toEqual([]); // 3 dates after, limit 3
    const [f] = staleModelFindings(model, dates, 2);
    expect(f).toMatchObject({ code: 'stale-model', severity: 'warn', dates: ['2001-01-02', '2001-01-05'], details: { datesAfter: 3, maxAge: 2 } });
    expect(staleModelFindings({ fitInfo: { lastDate: '2001-01-05' } } as unknown as ScenarioModel, dates, 0)).toEqual([]);
  });

  it('cornish-fisher-not-applicable: names the levels where the expansion is not monotone', () => {
    expect(cornishFisherFindings([0.95, 0.99], [true, true], 0, 0)).toEqual([]);
    const [f] = cornishFisherFindings([0.95, 0.99], [true, false], 2, 0);
    expect(f.code).toBe('cornish-fisher-not-applicable');
    expect(f.message).toContain('99%');
    expect(f.message).not.toContain('95%');
  });

  it('runWarnings keeps warn and error findings once each, errors first', () => {
    const w = { code: 'b', severity: 'warn' as const, message: 'm' };
    const e = { code: 'a', severity: 'error' as const, message: 'n' };
    const i = { code: 'c', severity: 'info' as const, message: 'o' };
    expect(runWarnings([w, i, e, { ...w }])).toEqual([e, w]);
  });

  it('anomaly: today\'s state scored against the fitting period; an extreme today warns', async () => {
    const table = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO', 'MSFT'] });
    const returns = toLogReturns(table);
    const model = await getModel('gaussian').fit(returns, {}, { seed: 1 });
    const a = todaysAnomaly(returns, model);
    expect(a).toBeDefined();
    expect(a!.date).toBe(table.dates[table.dates.length - 1]);
    expect(a!.percentile).toBeGreaterThanOrEqual(0);
    expect(a!.percentile).toBeLessThanOrEqual(1);
    // Today a 40% crash of every asset: far outside every training state.
    const A = 3;
    const shocked = Float64Array.from(returns.values);
    for (let a2 = 0; a2 < A; a2++) shocked[(returns.dates.length - 1) * A + a2] = Math.log(0.6);
    const extreme = todaysAnomaly({ ...returns, values: shocked }, { ...model, fitInfo: { ...model.fitInfo, lastDate: returns.dates[returns.dates.length - 2] } });
    expect(extreme!.percentile).toBeGreaterThanOrEqual(0.99);
    expect(anomalyFindings(extreme).map((f) => [f.code, f.severity])).toEqual([['state-anomaly', 'warn']]);
    expect(anomalyFindings(a!.percentile < 0.99 ? a : undefined)).toEqual([]);
    // Too few training states: no score rather than a guess.
    const short = toLogReturns(sliceDates(table, { last: 30 }));
    expect(todaysAnomaly(short, model)).toBeUndefined();
  });

  it('a stress run carries its warnings; a clean one has none', async () => {
    const portfolio = { positions: [{ symbol: 'IBM', quantity: 100 }, { symbol: 'KO', quantity: 200 }] };
    const thin = await stressTest({ portfolio, pricesFile: PRICES, model: 'gaussian', paths: 150, horizon: 5, horizons: [1, 20], replay: 'none' });
    expect(thin.warnings.map((w) => w.code).sort()).toEqual(['few-tail-paths', 'few-tail-paths', 'horizons-dropped']);
    expect(thin.input).toMatchObject({ kind: 'prices', frequency: { frequency: 'daily' } });
    const clean = await stressTest({ portfolio, pricesFile: PRICES, model: 'gaussian', paths: 2000, horizon: 5, replay: 'none' });
    expect(clean.warnings).toEqual([]);
    expect(clean.anomaly?.nTraining).toBeGreaterThan(2000);
  });

  it('Cornish–Fisher not applicable: null figures with applicable false in the summary, NA in risk.csv', async () => {
    const portfolio = { positions: [{ symbol: 'IBM', quantity: 100 }] };
    const r = await stressTest({ portfolio, pricesFile: PRICES, model: 'gaussian', paths: 1000, horizon: 5, replay: 'none' });
    expect(r.analytics.parametric.cornishFisherApplicable).toEqual([true, true]);
    const bad = { ...r, analytics: { ...r.analytics, parametric: { ...r.analytics.parametric, cornishFisherApplicable: [true, false] } } };
    const s = buildSummary(bad);
    expect(s.references.cornishFisher[0].var).toBe(r.analytics.parametric.cornishFisher[0].var);
    expect(s.references.cornishFisher[1]).toEqual({ confidence: 0.99, var: null, es: null, varPct: null, esPct: null, applicable: false });
    const csv = riskCsv(s);
    expect(csv).toMatch(/,VaR_cornish_fisher,0\.99,NA,NA,/);
    expect(csv).toMatch(/,ES_cornish_fisher,0\.99,NA,NA,/);
    expect(csv).toMatch(/,VaR_cornish_fisher,0\.95,\d/);
  });
});
