import { describe, expect, it } from '@jest/globals';
import { gaussianModel, InputError, ModelError } from '@tailforge/core';
import { describeState, parseRegimeSpec, requireCgan, resolveState } from '@tailforge/scenarios';
import { example } from './helpers/cgan-example.js';

/** ½·ln(mean(x²) + 1e-10): the state's log realised volatility, written out. */
const logVol = (x: number[]): number => 0.5 * Math.log(x.reduce((s, v) => s + v * v, 0) / x.length + 1e-10);

describe('regime specs', () => {
  it('reads pN and median as quantiles', () => {
    expect(parseRegimeSpec('p99')).toEqual({ quantile: 0.99, label: 'p99' });
    expect(parseRegimeSpec('p1')).toEqual({ quantile: 0.01, label: 'p1' });
    expect(parseRegimeSpec(' P97.5 ')).toEqual({ quantile: 0.975, label: 'p97.5' });
    expect(parseRegimeSpec('median')).toEqual({ quantile: 0.5, label: 'median' });
  });

  it('refuses malformed specs with what is accepted', () => {
    for (const bad of ['p0', 'p100', 'p150', '99', 'high', 'p-1', 'p', 'q99', '']) {
      expect(() => parseRegimeSpec(bad)).toThrow(InputError);
    }
    expect(() => parseRegimeSpec('p100')).toThrow(/pN with 0 < N < 100.*or median, got "p100"/);
  });
});

describe('stress states of the example cgan', () => {
  it('the state on a named date is computed from the 20 returns up to it (market volatility by hand)', async () => {
    const { model, returns } = await example();
    const A = returns.symbols.length;
    const r = resolveState(model, returns, { kind: 'date', date: '1998-08-31' });
    const t = returns.dates.indexOf('1998-08-31');
    expect(r.date).toBe('1998-08-31');
    expect(r.label).toBe('1998-08-31');
    const m: number[] = [];
    for (let d = t - 19; d <= t; d++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += returns.values[d * A + a];
      m.push(s / A);
    }
    expect(r.state.values[0]).toBeCloseTo(logVol(m), 12);
    expect(r.state.values[1]).toBeCloseTo(logVol(m.slice(15)), 12);
    // Annualised: exp(log vol)·√252; the 5-day market move is the sum of the last five m.
    const d = describeState(model, r.state);
    expect(d.marketVol).toBeCloseTo(Math.exp(logVol(m)) * Math.sqrt(252), 12);
    expect(d.marketReturn5).toBeCloseTo(m.slice(15).reduce((s, v) => s + v, 0), 12);
  });

  it('a weekend names the trading day before; dates outside the history are refused', async () => {
    const { model, returns } = await example();
    const sunday = resolveState(model, returns, { kind: 'date', date: '1998-08-30' });
    expect(sunday.date).toBe('1998-08-28');
    expect(sunday.label).toBe('1998-08-30 (as of 1998-08-28)');
    expect(Array.from(sunday.state.values)).toEqual(Array.from(resolveState(model, returns, { kind: 'date', date: '1998-08-28' }).state.values));
    expect(() => resolveState(model, returns, { kind: 'date', date: '1985-01-01' })).toThrow(InputError);
    expect(() => resolveState(model, returns, { kind: 'date', date: '2001-01-03' })).toThrow(/outside the history: states exist from 1991-01-29 .* to 2001-01-02/);
    // 1991-01-28 has only 19 returns up to it.
    expect(() => resolveState(model, returns, { kind: 'date', date: '1991-01-28' })).toThrow(InputError);
  });

  it('the latest state is the last date\'s; regime p99 is the ⌈0.99·n⌉-th smallest market volatility', async () => {
    const { model, returns } = await example();
    const T = returns.dates.length;
    const latest = resolveState(model, returns, { kind: 'latest' });
    expect(latest.date).toBe(returns.dates[T - 1]);
    expect(latest.label).toBe(`latest (${returns.dates[T - 1]})`);
    const A = returns.symbols.length;
    const m = Array.from({ length: T }, (_, d) => {
      let s = 0;
      for (let a = 0; a < A; a++) s += returns.values[d * A + a];
      return s / A;
    });
    const vols = [];
    for (let t = 19; t < T; t++) vols.push({ t, v: logVol(m.slice(t - 19, t + 1)) });
    const sorted = [...vols].sort((x, y) => x.v - y.v || x.t - y.t);
    const k = Math.ceil(0.99 * vols.length) - 1;
    const p99 = resolveState(model, returns, { kind: 'regime', spec: 'p99' });
    expect(p99.date).toBe(returns.dates[sorted[k].t]);
    expect(p99.quantile).toBe(0.99);
    expect(p99.label).toBe(`p99 (${p99.date})`);
    expect(p99.state.values[0]).toBeCloseTo(sorted[k].v, 12);
    const med = resolveState(model, returns, { kind: 'regime', spec: 'median' });
    expect(med.state.values[0]).toBeCloseTo(sorted[Math.ceil(0.5 * vols.length) - 1].v, 12);
    expect(() => resolveState(model, returns, { kind: 'regime', spec: 'p100' })).toThrow(InputError);
  });

  it('models without states are refused with a ModelError', async () => {
    const { returns } = await example();
    const g = await gaussianModel.fit({ ...returns, values: returns.values.slice(0, 300 * returns.symbols.length), dates: returns.dates.slice(0, 300) }, {}, { seed: 1 });
    expect(() => requireCgan(g, '--regime')).toThrow(ModelError);
    expect(() => requireCgan(g, '--regime')).toThrow(/--regime needs a conditional GAN .* the model gaussian is not conditional/);
  });
});
