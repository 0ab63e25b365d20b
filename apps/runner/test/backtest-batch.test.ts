import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { ConfigError, loadBatchConfig } from '@tailforge/batch-config';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

function issuesOf(file: string): string[] {
  try {
    loadBatchConfig(file, { allowOutside: true });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues.map((i) => `${i.key}: ${i.reason}`);
  }
  throw new Error('config loaded');
}

describe('backtests in batch jobs: several models and their comparison', () => {
  let dir: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
    await writeTemp(dir, 'a.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
  });

  it('backtest.models and reference load; an unknown model, a reference outside the list and an unknown parameter scope are config errors', async () => {
    const ok = await writeTemp(dir, 'ok.yaml', `version: 1\nout: out\nprices: ${PRICES}\njobs:\n  - portfolio: a.csv\n    model: gaussian\n    modelParams: {fhs.meanZero: true}\n    backtest: {from: 2000-11-01, models: [fhs, gaussian], reference: gaussian, paths: 200}\n`);
    const c = loadBatchConfig(ok, { allowOutside: true });
    expect(c.jobs[0].run.backtest).toEqual({ from: '2000-11-01', paths: 200, models: ['fhs', 'gaussian'], reference: 'gaussian' });
    const bad = await writeTemp(dir, 'bad.yaml', `version: 1\nout: out\nprices: ${PRICES}\njobs:\n  - portfolio: a.csv\n    modelParams: {nosuch.x: 1, gaussian.nope: 2}\n    backtest: {from: 2000-11-01, models: [fhs, zzz]}\n  - portfolio: a.csv\n    backtest: {from: 2000-11-01, models: [fhs, gaussian], reference: cgan}\n`);
    const issues = issuesOf(bad);
    expect(issues.some((i) => /backtest\.models\[1\]: unknown model "zzz"/.test(i))).toBe(true);
    expect(issues.some((i) => /backtest\.reference: expected one of the backtest models/.test(i))).toBe(true);
    expect(issues.some((i) => /scoped to an unknown model "nosuch"/.test(i))).toBe(true);
  });

  it('a batch job backtests two models; summary carries the comparison, the index shows the zone and the winner', async () => {
    const out = join(dir, 'out-run');
    const file = await writeTemp(dir, 'run.yaml', `version: 1\nout: ${out}\nprices: ${PRICES}\ndefaults:\n  paths: 300\n  horizon: 1\n  confidence: 0.99\njobs:\n  - portfolio: a.csv\n    id: a\n    model: gaussian\n    backtest: {from: 2000-10-02, models: [fhs, gaussian], paths: 300, lookback: 250}\n`);
    const res = await cli('batch', '--allow-outside', '--config', file, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const summaryFile = (await readFile(join(out, 'index.html'), 'utf8')).match(/href="([^"]+)\/report\.html"/)?.[1];
    expect(summaryFile).toBeDefined();
    const s = JSON.parse(await readFile(join(out, summaryFile!, 'summary.json'), 'utf8'));
    expect(s.backtest.models.map((m: { model: string }) => m.model)).toEqual(['fhs', 'gaussian']);
    expect(s.backtest.comparison.reference).toBe('fhs');
    const level = s.backtest.comparison.levels[0];
    expect(level.dm[0].model).toBe('gaussian');
    expect(['fhs', 'gaussian']).toContain(level.best);
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('backtest winner');
    const zone = s.backtest.models.find((m: { model: string }) => m.model === 'gaussian').levels[0].basel.zone;
    expect(index).toContain(`gaussian: ${zone}`);
    expect(index).toContain(`${level.best}`);
    expect(await readFile(join(out, summaryFile!, 'report.html'), 'utf8')).toContain('Which model forecasts better');
  }, 120_000);

  it('tailforge backtest --reference: comparison in backtest.json, csv columns, ranking table and loss-difference chart; a reference not compared is exit 2', async () => {
    const out = join(dir, 'bt-cli');
    const port = join(dir, 'a.csv');
    const ok = await cli('backtest', '--portfolio', port, '--prices', PRICES, '--from', '2000-11-01', '--paths', '300', '--model', 'fhs,gaussian,bootstrap', '--reference', 'gaussian', '--lookback', '250', '--out', out, '--quiet');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'backtest.json'), 'utf8'));
    expect(s.settings).toMatchObject({ refitMode: 'warm', reference: 'gaussian' });
    expect(s.comparison.reference).toBe('gaussian');
    for (const lv of s.comparison.levels) {
      expect(lv.dm.map((d: { model: string }) => d.model)).toEqual(['fhs', 'bootstrap']);
      expect(lv.ranking.map((m: { rank: number }) => m.rank)).toEqual([1, 2, 3]);
      for (const d of lv.dm) {
        expect(d.status).toBe('ok');
        expect(d.pValue).toBeGreaterThanOrEqual(0);
        expect(d.pValue).toBeLessThanOrEqual(1);
      }
    }
    for (const m of s.models) {
      expect(m).toMatchObject({ fullFits: m.fits, warmRefits: 0, state: 'unconditional' });
      for (const l of m.levels) {
        expect(l.fz0Loss).toEqual(expect.any(Number));
        expect(l.duEscanciano.unconditional.pValue).toEqual(expect.any(Number));
        expect(l.nonOverlapping).toBeNull();
      }
    }
    const csv = (await readFile(join(out, 'backtest.csv'), 'utf8')).split('\n');
    expect(csv[0]).toBe('date,model,confidence,var,es,realized_pnl,exception,fz0_loss,quantile_loss,pit');
    // The mean of the csv's fz0_loss column per model and level is the json's fz0Loss.
    const rows = csv.slice(1).filter((l) => l !== '').map((l) => l.split(','));
    const fhs99 = rows.filter((c) => c[1] === 'fhs' && c[2] === '0.99');
    const mean = fhs99.reduce((a, c) => a + Number(c[7]), 0) / fhs99.length;
    expect(mean).toBeCloseTo(s.models[0].levels.find((l: { confidence: number }) => l.confidence === 0.99).fz0Loss, 9);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Which model forecasts better');
    expect(html).toContain('Cumulative FZ0 loss difference against gaussian');
    const bad = await cli('backtest', '--portfolio', port, '--prices', PRICES, '--from', '2000-11-01', '--model', 'fhs,gaussian', '--reference', 'cgan', '--out', join(dir, 'never'), '--log-format', 'text');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/--reference cgan is not one of the backtested models \(fhs, gaussian\)$/);
  }, 120_000);
});
