import { describe, expect, it } from '@jest/globals';
import { gaussianModel, InputError, ModelError } from '@tailforge/core';
import { describeState, parseRegimeSpec, requireCgan, resolveState } from '@tailforge/scenarios';
import { example } from './helpers/cgan-example.js';

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
  it('the state on a named date: the model\'s state as of that close; readable values by hand', async () => {
    const { model, returns } = await example();
    const A = returns.symbols.length;
    const r = resolveState(model, returns, { kind: 'date', date: '1998-08-31' });
    const t = returns.dates.indexOf('1998-08-31');
    expect(r.date).toBe('1998-08-31');
    expect(r.label).toBe('1998-08-31');
    expect(Array.from(r.state.values)).toEqual(Array.from(model.stateAt(returns, t).values));
    // Value 1: the equal-weight market's log return over the last stateWindow days.
    let move = 0;
    for (let d = t - model.stateWindow + 1; d <= t; d++) for (let a = 0; a < A; a++) move += returns.values[d * A + a] / A;
    expect(r.state.values[1]).toBeCloseTo(move, 12);
    const d = describeState(model, r.state);
    const logs = Array.from(r.state.values.slice(2));
    expect(d.marketVol).toBeCloseTo(Math.exp(logs.reduce((x, y) => x + y, 0) / A) * Math.sqrt(252), 12);
    expect(d.marketReturn5).toBe(r.state.values[1]);
    // Late August 1998 was a selloff: the filtered volatilities sit above their long-run levels.
    expect(r.state.values[0]).toBeGreaterThan(0);
  });

  it('a weekend names the trading day before; dates outside the history are refused', async () => {
    const { model, returns } = await example();
    const sunday = resolveState(model, returns, { kind: 'date', date: '1998-08-30' });
    expect(sunday.date).toBe('1998-08-28');
    expect(sunday.label).toBe('1998-08-30 (as of 1998-08-28)');
    expect(Array.from(sunday.state.values)).toEqual(Array.from(resolveState(model, returns, { kind: 'date', date: '1998-08-28' }).state.values));
    expect(() => resolveState(model, returns, { kind: 'date', date: '1985-01-01' })).toThrow(InputError);
    const first = returns.dates[model.stateWindow - 1];
    expect(() => resolveState(model, returns, { kind: 'date', date: '2001-01-03' })).toThrow(new RegExp(`outside the history: states exist from ${first} .* to 2001-01-02`));
    // The day before has fewer than stateWindow returns up to it.
    expect(() => resolveState(model, returns, { kind: 'date', date: returns.dates[model.stateWindow - 2] })).toThrow(InputError);
  });

  it('the latest state is the last date\'s; regime p99 is the ⌈0.99·n⌉-th smallest volatility level', async () => {
    const { model, returns } = await example();
    const T = returns.dates.length, S = model.stateDim;
    const latest = resolveState(model, returns, { kind: 'latest' });
    expect(latest.date).toBe(returns.dates[T - 1]);
    expect(latest.label).toBe(`latest (${returns.dates[T - 1]})`);
    const all = model.statesOf(returns);
    const levels = [];
    for (let t = model.stateWindow - 1; t < T; t++) levels.push({ t, v: all[t * S] });
    const sorted = [...levels].sort((x, y) => x.v - y.v || x.t - y.t);
    const k = Math.ceil(0.99 * levels.length) - 1;
    const p99 = resolveState(model, returns, { kind: 'regime', spec: 'p99' });
    expect(p99.date).toBe(returns.dates[sorted[k].t]);
    expect(p99.quantile).toBe(0.99);
    expect(p99.label).toBe(`p99 (${p99.date})`);
    expect(p99.state.values[0]).toBe(sorted[k].v);
    const med = resolveState(model, returns, { kind: 'regime', spec: 'median' });
    expect(med.state.values[0]).toBe(sorted[Math.ceil(0.5 * levels.length) - 1].v);
    expect(() => resolveState(model, returns, { kind: 'regime', spec: 'p100' })).toThrow(InputError);
  });

  it('models without states are refused with a ModelError', async () => {
    const { returns } = await example();
    const g = await gaussianModel.fit({ ...returns, values: returns.values.slice(0, 300 * returns.symbols.length), dates: returns.dates.slice(0, 300) }, {}, { seed: 1 });
    expect(() => requireCgan(g, '--regime')).toThrow(ModelError);
    expect(() => requireCgan(g, '--regime')).toThrow(/--regime needs a conditional GAN .* the model gaussian is not conditional/);
  });
});
