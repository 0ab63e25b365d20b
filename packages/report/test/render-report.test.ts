import { describe, it, expect, beforeAll } from '@jest/globals';
import { join, resolve } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { buildSummary, stressTest } from '@tailforge/engine';
import { renderReport, type EarlierRun } from '@tailforge/report';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');

describe('renderReport from an engine result (no CLI, no files)', () => {
  beforeAll(() => registerBuiltinModels());

  it('a self-contained page with the run\'s VaR, and the change section when earlier runs are given', async () => {
    const result = await stressTest({ portfolio: { name: 'svc <book>', positions: [{ symbol: 'IBM', quantity: 100 }, { symbol: 'KO', quantity: 50 }] }, pricesFile: PRICES, model: 'gaussian', paths: 500, horizon: 5, seed: 2 });
    const summary = buildSummary(result, '2026-01-02T00:00:00.000Z');
    const html = await renderReport(result, summary);
    expect(html.startsWith('<!doctype html>') || html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('svc &lt;book&gt;');
    expect(html).toContain('<svg');
    const v99 = summary.risk.find((r) => r.confidence === 0.99)!.var;
    expect(html).toContain(Math.round(v99).toLocaleString('en-US'));
    expect(html).not.toContain('Previous run');

    const earlier: EarlierRun = { runAt: '2026-01-01T00:00:00.000Z', asOf: summary.portfolio.asOf, modelId: summary.model.id, paths: 500, seed: 1, value: summary.portfolio.value, drawdown: { p99: 0.1 }, risk: summary.risk };
    const withHistory = await renderReport(result, summary, { history: [earlier] });
    expect(withHistory).toContain('Previous run 2026-01-01T00:00:00.000Z');
  });
});
