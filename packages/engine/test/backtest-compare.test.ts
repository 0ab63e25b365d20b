import { describe, expect, it } from '@jest/globals';
import { dieboldMariano, fz0Loss, quantileLoss } from '@tailforge/risk';
import { backtestCsv, buildBacktestSummary, compareForecasts, evaluateBacktest, referenceModel, type ModelForecasts, type WalkForwardResult } from '../src/index.js';

/** A hand-made walk-forward result: realised P&L and per-model VaR/ES columns at one or two levels. */
function result(realized: number[], models: Array<{ model: string; var: number[][]; es: number[][]; pit?: number[] }>, confidence: number[], extra: { horizon?: number; reference?: string } = {}): WalkForwardResult {
  const n = realized.length;
  const forecasts: ModelForecasts[] = models.map((m) => ({
    model: m.model,
    fittedIds: [`${m.model}-1`],
    var: m.var.map((v) => Float64Array.from(v)),
    es: m.es.map((e) => Float64Array.from(e)),
    pit: Float64Array.from(m.pit ?? realized.map(() => 0.5)),
    fullFits: 1,
    warmRefits: 0,
    state: 'unconditional',
    seconds: 0,
    timing: { firstFit: 0, refits: [], forecasts: 0 },
  }));
  return {
    config: { models: models.map((m) => m.model), modelParams: {}, from: '2020-01-01', refit: 20, horizon: extra.horizon ?? 1, confidence, paths: 100, seed: 3, missing: 'error', ...(extra.reference ? { reference: extra.reference } : {}) },
    portfolio: { name: 'p', file: 'p.csv', positions: [] } as unknown as WalkForwardResult['portfolio'],
    missingReport: {} as WalkForwardResult['missingReport'],
    dates: realized.map((_, i) => `2020-01-${String(i + 1).padStart(2, '0')}`),
    realized: Float64Array.from(realized),
    forecasts,
  };
}

const X = [0.5, -3, 1, -0.2, 2, -1.5, 0.3, -0.7];
const flat = (v: number) => X.map(() => v);

describe('forecast comparison in the backtest (FZ0, quantile loss, Diebold–Mariano, MCS)', () => {
  it('identical models: DM undefined and flagged (null, status identical), no crash; the MCS still ranks', () => {
    const r = result(X, [
      { model: 'fhs', var: [flat(1)], es: [flat(2)] },
      { model: 'copy', var: [flat(1)], es: [flat(2)] },
    ], [0.9]);
    const c = compareForecasts(r)!;
    expect(c.reference).toBe('fhs');
    const dm = c.levels[0].dm[0];
    expect(dm).toMatchObject({ model: 'copy', statistic: null, pValue: null, status: 'identical', winner: null, meanDifference: 0 });
    expect(c.levels[0].ranking.map((m) => m.model).sort()).toEqual(['copy', 'fhs']);
    // The JSON carries the flag; null survives the round trip (NaN would not).
    const json = JSON.parse(JSON.stringify(buildBacktestSummary(r, evaluateBacktest(r), 'now', c)));
    expect(json.comparison.levels[0].dm[0].status).toBe('identical');
    expect(json.comparison.levels[0].dm[0].statistic).toBeNull();
  });

  it('mean FZ0 / quantile losses and the DM statistic equal the risk functions on the hand-built columns', () => {
    // α = 0.1. Model A: VaR 1, ES 2 every day; model B: VaR 2, ES 3.
    const r = result(X, [
      { model: 'a', var: [flat(1)], es: [flat(2)] },
      { model: 'b', var: [flat(2)], es: [flat(3)] },
    ], [0.9], { reference: 'b' });
    const ev = evaluateBacktest(r);
    const la = fz0Loss(X, 1, 2, 0.1), lb = fz0Loss(X, 2, 3, 0.1);
    expect(ev[0].levels[0].fz0Loss).toBeCloseTo(la.mean, 12);
    expect(ev[1].levels[0].fz0Loss).toBeCloseTo(lb.mean, 12);
    expect(ev[0].levels[0].quantileLoss).toBeCloseTo(quantileLoss(X, 1, 0.1).mean, 12);
    // Day 2 by hand for model A: X = −3 < −1 → (−1 + 3)/(0.1·2) + 1/2 + ln 2 − 1 = 10.193147…
    expect(la.losses[1]).toBeCloseTo(10 + 0.5 + Math.log(2) - 1, 12);
    const c = compareForecasts(r)!;
    const lag = Math.floor(4 * Math.pow(X.length / 100, 2 / 9)); // 2 at T = 8
    const expected = dieboldMariano(la.losses, lb.losses, { lag });
    expect(c.reference).toBe('b');
    expect(c.dmLag).toBe(lag);
    expect(c.levels[0].dm[0].statistic).toBeCloseTo(expected.statistic, 12);
    expect(c.levels[0].dm[0].pValue).toBeCloseTo(expected.pValue, 12);
    expect(c.levels[0].ranking.find((m) => m.model === 'a')!.meanFz0Loss).toBeCloseTo(la.mean, 12);
  });

  it('a dominating forecast wins significantly and ranks first; the MCS drops the other', () => {
    // 300 days of N(0,1)-like P&L from a fixed sequence; the good model forecasts the true 99% VaR/ES of N(0, 1),
    // the bad one 10× too small a risk: it is hit on ~30% of days.
    const n = 300;
    const x: number[] = [];
    let s = 7;
    for (let i = 0; i < n; i++) {
      s = (1103515245 * s + 12345) % 2147483648;
      const u1 = (s + 0.5) / 2147483648;
      s = (1103515245 * s + 12345) % 2147483648;
      const u2 = (s + 0.5) / 2147483648;
      x.push(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    const good = { model: 'good', var: [x.map(() => 2.326)], es: [x.map(() => 2.665)] };
    const bad = { model: 'bad', var: [x.map(() => 0.2326)], es: [x.map(() => 0.2665)] };
    const r = result(x, [bad, good], [0.99], { reference: 'bad' });
    const c = compareForecasts(r)!;
    expect(c.levels[0].dm[0].model).toBe('good');
    expect(c.levels[0].dm[0].winner).toBe('good');
    expect(c.levels[0].dm[0].pValue!).toBeLessThan(0.01);
    expect(c.levels[0].best).toBe('good');
    expect(c.levels[0].ranking.find((m) => m.model === 'bad')!.inConfidenceSet).toBe(false);
  });

  it('reference: fhs when compared, else the first model; an ES <= 0 gives no FZ0 (flagged, not a crash)', () => {
    expect(referenceModel(['gaussian', 'fhs'])).toBe('fhs');
    expect(referenceModel(['gaussian', 'bootstrap'])).toBe('gaussian');
    expect(referenceModel(['gaussian', 'bootstrap'], 'bootstrap')).toBe('bootstrap');
    // A book that gains on every day: the 'neg' model forecasts a gain (VaR −1, ES −0.5) and is never hit.
    const gains = X.map((x) => x + 10);
    const r = result(gains, [
      { model: 'fhs', var: [flat(1)], es: [flat(2)] },
      { model: 'neg', var: [flat(-1)], es: [flat(-0.5)] },
    ], [0.9]);
    const c = compareForecasts(r)!;
    expect(c.levels[0].dm[0].status).toBe('no-fz0');
    expect(evaluateBacktest(r)[1].levels[0].fz0Loss).toBeNull();
    expect(backtestCsv(r).split('\n')[X.length + 1].split(',')[7]).toBe(''); // first 'neg' row: empty fz0_loss
  });
});

describe('ES backtests beside Z2', () => {
  it('Du–Escanciano on the forecast PITs: U by hand; C(5) null without any violation', () => {
    // α = 0.1; PIT 0 on day 1 (H = 1), 0.5 elsewhere: H̄ = 1/8; U = √8 (1/8 − 0.05)/√(0.1 (1/3 − 0.025)).
    const pit = [0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const r = result(X, [{ model: 'm', var: [flat(1)], es: [flat(2)], pit }], [0.9]);
    const de = evaluateBacktest(r)[0].levels[0].duEscanciano;
    expect(de.unconditional.statistic).toBeCloseTo((Math.sqrt(8) * (0.125 - 0.05)) / Math.sqrt(0.1 * (1 / 3 - 0.025)), 12);
    expect(de.unconditional.violations).toBe(1);
    expect(de.conditional?.lags).toBe(5);
    const none = result(X, [{ model: 'm', var: [flat(1)], es: [flat(2)], pit: flat(0.5) }], [0.9]);
    expect(evaluateBacktest(none)[0].levels[0].duEscanciano.conditional).toBeNull();
  });

  it('h > 1: exceptions on non-overlapping windows (every h-th, latest kept) and the HAC test; none for h = 1', () => {
    // VaR 1 every day; exceptions on days 1, 3, 5 (X < −1). h = 3 keeps days 1, 4, 7 (0-based, from the end): X = −3, 2, −0.7 → 1 exception.
    const r = result(X, [{ model: 'm', var: [flat(1)], es: [flat(2)] }], [0.9], { horizon: 3 });
    const n = evaluateBacktest(r)[0].levels[0].nonOverlapping!;
    expect(n).toMatchObject({ horizon: 3, observations: 3, exceptions: 1 });
    expect(n.expectedExceptions).toBeCloseTo(0.3, 12);
    expect(n.hac.lag).toBeGreaterThanOrEqual(2);
    expect(evaluateBacktest(result(X, [{ model: 'm', var: [flat(1)], es: [flat(2)] }], [0.9]))[0].levels[0].nonOverlapping).toBeNull();
  });
});

describe('backtest.csv', () => {
  it('carries fz0_loss, quantile_loss and pit per day, model and level', () => {
    const r = result(X, [{ model: 'a', var: [flat(1)], es: [flat(2)], pit: X.map((_, i) => i / 10) }], [0.9]);
    const lines = backtestCsv(r).trim().split('\n');
    expect(lines[0]).toBe('date,model,confidence,var,es,realized_pnl,exception,fz0_loss,quantile_loss,pit');
    const day2 = lines[2].split(',');
    expect(Number(day2[7])).toBeCloseTo(10 + 0.5 + Math.log(2) - 1, 10);
    expect(Number(day2[8])).toBeCloseTo(0.9 * 2, 12); // (1 − α)(−VaR − X) = 0.9 · 2
    expect(Number(day2[9])).toBe(0.1);
  });
});
