import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readPricesCsv, registerBuiltinModels } from '@tailforge/core';
import { backtest, buildSummary, stressTest, type RunEvent } from '@tailforge/engine';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');
const TECH = join(ROOT, 'examples/portfolios/tech-growth.json');

describe('stressTest', () => {
  beforeAll(() => registerBuiltinModels());

  it('inputs as data give the same figures as the same inputs as files; progress arrives as events', async () => {
    const settings = { model: 'gaussian', paths: 2000, horizon: 5, seed: 11, confidence: [0.95, 0.99], replay: 'none' as const };
    const events: RunEvent[] = [];
    const fromFiles = await stressTest({ ...settings, portfolioFile: TECH, pricesFile: PRICES }, { onProgress: (e) => events.push(e) });
    const portfolio = JSON.parse(await readFile(TECH, 'utf8'));
    const fromData = await stressTest({ ...settings, portfolio, prices: await readPricesCsv(PRICES) });
    expect(fromData.risk).toEqual(fromFiles.risk);
    expect(fromData.model.id).toBe(fromFiles.model.id);
    expect(fromData.initialValue).toBe(fromFiles.initialValue);
    expect(buildSummary(fromData).contributions).toEqual(buildSummary(fromFiles).contributions);
    // Steps with their event names, and path progress up to the total.
    expect(events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.event : ''))).toEqual(expect.arrayContaining(['data', 'fit']));
    const progress = events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ task: 'generating paths', done: 2000, total: 2000 });
  });

  it('an aborted signal stops the run with its reason; nothing is computed', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(stressTest({ portfolioFile: TECH, pricesFile: PRICES, paths: 100 }, { signal: controller.signal })).rejects.toThrow('stop now');
    // Aborted mid-run: at the first progress point after the abort.
    const mid = new AbortController();
    const run = stressTest({ portfolioFile: TECH, pricesFile: PRICES, paths: 20_000, horizon: 5 }, {
      signal: mid.signal,
      onProgress: (e) => e.type === 'progress' && mid.abort(new Error('cancelled by the caller')),
    });
    await expect(run).rejects.toThrow('cancelled by the caller');
  });

  it('a portfolio as data is checked like a file, naming the position', async () => {
    await expect(stressTest({ portfolio: { positions: [{ symbol: 'IBM', quantity: 1 }, { symbol: 'XYZ', quantity: 2 }] }, pricesFile: PRICES, paths: 100 })).rejects.toThrow(
      /portfolio, column positions\[1\]\.symbol: unknown symbol "XYZ"/,
    );
    await expect(stressTest({ pricesFile: PRICES, paths: 100 })).rejects.toThrow('give the portfolio as data or as a file, exactly one of them');
  });

  it('backtest() returns forecasts and the evaluation per model', async () => {
    const bt = await backtest({
      portfolio: { positions: [{ symbol: 'IBM', quantity: 100 }] },
      pricesFile: PRICES,
      models: ['gaussian'],
      modelParams: {},
      from: '2000-12-01',
      refit: 10,
      horizon: 1,
      confidence: [0.99],
      paths: 200,
      seed: 1,
      missing: 'error',
    });
    expect(bt.dates[0]).toBe('2000-12-01');
    expect(bt.evaluation.map((e) => e.model)).toEqual(['gaussian']);
    expect(bt.evaluation[0].levels[0].observations).toBe(bt.dates.length);
  });
});
