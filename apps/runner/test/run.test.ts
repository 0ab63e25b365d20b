import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getModel, readPricesCsv, registerBuiltinModels, toLogReturns } from '@tailforge/core';
import { generatePaths } from '@tailforge/scenarios';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

/**
 * Independent loss quantile: sort the losses, VaR = L_(ceil(αN)), ES = the
 * Acerbi–Tasche tail average, written out here without the risk package.
 */
function independentVarEs(pnl: number[], alpha: number): { var: number; es: number } {
  const losses = pnl.map((x) => -x).sort((a, b) => a - b);
  const n = losses.length;
  const k = Math.ceil(Math.round(alpha * n * 1e9) / 1e9); // 1-based index of VaR
  const v = losses[k - 1];
  let tail = 0;
  for (let i = k; i < n; i++) tail += losses[i];
  // (1/(1-α)) [ Σ_{i>k} L_i / n + VaR (k/n − α) ]; ties above VaR are in the sum, at VaR they cancel exactly.
  const es = (tail / n + v * (k / n - alpha)) / (1 - alpha);
  return { var: v, es };
}

describe('tailforge run (end to end, in-process)', () => {
  let dir: string;
  let portfolio: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
    portfolio = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,100\nKO,-50\nMSFT,200\n');
  });

  it('writes its files and VaR/ES agree with an independent computation on the same paths', async () => {
    const out = join(dir, 'out');
    const res = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '3000', '--horizon', '5', '--seed', '7', '--model', 'gaussian', '--confidence', '0.9,0.99', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.tailforge-out', 'contributions.csv', 'manifest.json', 'report.html', 'risk.csv', 'stress.csv', 'summary.json']);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));

    // Rebuild the same paths through the public APIs and value them by hand.
    const table = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO', 'MSFT'] });
    const model = await getModel('gaussian').fit(toLogReturns(table), {}, { seed: 7 });
    expect(model.id).toBe(summary.model.id);
    const paths = await generatePaths(model, { nPaths: 3000, horizon: 5, seed: 7 });
    const T = table.dates.length;
    const last = [0, 1, 2].map((a) => table.prices[(T - 1) * 3 + a]);
    const qty = [100, -50, 200];
    const pnl: number[] = [];
    for (let p = 0; p < 3000; p++) {
      let v = 0;
      for (let a = 0; a < 3; a++) {
        let cum = 0;
        for (let t = 0; t < 5; t++) cum += paths.values[(p * 5 + t) * 3 + a];
        v += qty[a] * last[a] * (Math.exp(cum) - 1);
      }
      pnl.push(v);
    }
    for (const [i, alpha] of [0.9, 0.99].entries()) {
      const ref = independentVarEs(pnl, alpha);
      expect(summary.risk[i].confidence).toBe(alpha);
      expect(summary.risk[i].var).toBeCloseTo(ref.var, 6);
      expect(summary.risk[i].es).toBeCloseTo(ref.es, 6);
      expect(summary.risk[i].es).toBeGreaterThanOrEqual(summary.risk[i].var);
    }

    // The full horizon closes the horizon table; contributions add up to the totals.
    const lastH = summary.riskByHorizon[summary.riskByHorizon.length - 1];
    expect(summary.riskByHorizon.map((h: { horizonDays: number }) => h.horizonDays)).toEqual([1, 5]);
    expect(lastH.risk).toEqual(summary.risk);
    for (const [i, c] of summary.contributions.entries()) {
      const sumEs = c.positions.reduce((s: number, p: { componentES: number }) => s + p.componentES, 0);
      const sumVar = c.positions.reduce((s: number, p: { componentVaR: number }) => s + p.componentVaR, 0);
      expect(sumEs).toBeCloseTo(summary.risk[i].es, 6);
      expect(sumVar).toBeCloseTo(summary.risk[i].var, 6);
    }
    // Historical simulation, independently: today's positions over every overlapping 5-day window of the prices.
    const hist: number[] = [];
    for (let t = 0; t + 5 < T; t++) {
      let v = 0;
      for (let a = 0; a < 3; a++) v += qty[a] * last[a] * (table.prices[(t + 5) * 3 + a] / table.prices[t * 3 + a] - 1);
      hist.push(v);
    }
    for (const [i, alpha] of [0.9, 0.99].entries()) {
      const ref = independentVarEs(hist, alpha);
      expect(summary.references.historical.risk[i].var).toBeCloseTo(ref.var, 6);
      expect(summary.references.historical.risk[i].es).toBeCloseTo(ref.es, 6);
    }
    expect(summary.references.historical.windows).toBe(T - 5);
    expect(summary.riskErrors[1].varSe).toBeGreaterThan(0);
    expect(summary.riskErrors[1].varCi[0]).toBeLessThanOrEqual(summary.risk[1].var);
    expect(summary.riskErrors[1].varCi[1]).toBeGreaterThanOrEqual(summary.risk[1].var);

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({ paths: 3000, horizonDays: 5, seed: 7, missingPolicy: 'error' });
    expect(manifest.model.id).toBe(summary.model.id);
    expect(manifest.inputs.map((i: { role: string }) => i.role)).toEqual(['portfolio', 'prices']);
    expect(manifest.inputs[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.versions.node).toBe(process.version);

    const csv = await readFile(join(out, 'risk.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('portfolio,as_of,model_id,horizon_days,measure,confidence,value,value_pct,currency,limit');
    expect(csv).toContain(',VaR,0.99,');
    // The breach probability's drawdown limit has its own column; its confidence cell is empty.
    const breach = csv.split('\n').find((l) => l.includes(',drawdown_breach_probability,'))?.split(',') ?? [];
    expect(breach[5]).toBe('');
    expect(breach[8]).toBe(''); // currency: a money column only for VaR / ES rows
    expect(breach[9]).toBe('0.15');
    expect(Number(breach[6])).toBe(summary.maxDrawdown.breachProbability);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('--quantile-method type7 gives the interpolated historical VaR and the manifest records it (issue 13 item 17)', async () => {
    const out = join(dir, 'type7');
    const res = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '500', '--horizon', '5', '--model', 'gaussian', '--confidence', '0.95', '--quantile-method', 'type7', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const table = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO', 'MSFT'] });
    const T = table.dates.length;
    const qty = [100, -50, 200];
    const last = [0, 1, 2].map((a) => table.prices[(T - 1) * 3 + a]);
    const losses: number[] = [];
    for (let t = 0; t + 5 < T; t++) {
      let v = 0;
      for (let a = 0; a < 3; a++) v += qty[a] * last[a] * (table.prices[(t + 5) * 3 + a] / table.prices[t * 3 + a] - 1);
      losses.push(-v);
    }
    losses.sort((a, b) => a - b);
    // R type 7 on the losses: h = (n − 1)·0.95, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋), 0-based.
    const h = (losses.length - 1) * 0.95;
    const lo = Math.floor(h);
    const type7 = losses[lo] + (h - lo) * (losses[lo + 1] - losses[lo]);
    expect(summary.references.historical.quantileMethod).toBe('type7');
    expect(summary.references.historical.risk[0].var).toBeCloseTo(type7, 6);
    expect(summary.references.historical.risk[0].var).not.toBeCloseTo(losses[Math.ceil(0.95 * losses.length) - 1], 6);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.settings.quantileMethod).toBe('type7');
    expect((await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--quantile-method', 'type6', '--out', join(dir, 'bad'))).code).toBe(2);
  });

  it('streaming the paths through a path store gives the same figures as keeping them in memory', async () => {
    const args = ['run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '2500', '--horizon', '7', '--seed', '11', '--quiet'];
    expect((await cli(...args, '--out', join(dir, 'mem'))).code).toBe(0);
    const store = join(dir, 'paths.tfp');
    expect((await cli(...args, '--path-store', store, '--out', join(dir, 'streamed'))).code).toBe(0);
    const mem = JSON.parse(await readFile(join(dir, 'mem', 'summary.json'), 'utf8'));
    const streamed = JSON.parse(await readFile(join(dir, 'streamed', 'summary.json'), 'utf8'));
    expect(streamed.risk).toEqual(mem.risk);
    expect(streamed.maxDrawdown).toEqual(mem.maxDrawdown);
    expect(streamed.contributions).toEqual(mem.contributions);
    const { PathStoreReader } = await import('@tailforge/scenarios');
    const reader = await PathStoreReader.open(store);
    expect(reader.header).toMatchObject({ nPaths: 2500, horizon: 7, nAssets: 3, seed: 11 });
    await reader.close();
  });

  it('gives the same figures for the same seed and different ones for another seed', async () => {
    const run = async (seed: string, name: string) => {
      const out = join(dir, name);
      expect((await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '500', '--seed', seed, '--out', out, '--quiet')).code).toBe(0);
      return JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).risk;
    };
    const a = await run('3', 'a');
    const b = await run('3', 'b');
    const c = await run('4', 'c');
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('tailforge run: bad input exits 2 with a one-line reason', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  const runWith = async (portfolioText: string, name = 'bad.csv', prices = PRICES) => {
    const p = await writeTemp(dir, name, portfolioText);
    return cli('run', '--portfolio', p, '--prices', prices, '--paths', '100', '--out', join(dir, 'never'), '--log-format', 'text');
  };
  const oneLine = (s: string) => s.trim().split('\n').filter((l) => l.trim() !== '');

  it.each([
    ['unknown symbol', 'symbol,quantity\nIBM,1\nXYZ,2\n', /bad\.csv, row 3, column symbol: unknown symbol "XYZ"/],
    ['bad quantity', 'symbol,quantity\nIBM,ten\n', /bad\.csv, row 2, column quantity: expected a number, found "ten"/],
    ['duplicate row', 'symbol,quantity\nIBM,1\nKO,2\nIBM,3\n', /bad\.csv, row 4, column symbol: duplicate position in IBM \(first at row 2\)/],
    ['no amount column', 'symbol\nIBM\n', /bad\.csv, row 1: expected a "quantity" or "market_value" column/],
  ])('%s', async (_name, text, pattern) => {
    const res = await runWith(text);
    expect(res.code).toBe(2);
    const lines = oneLine(res.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('names the JSON position that is wrong', async () => {
    const res = await runWith('{"positions":[{"symbol":"IBM","quantity":1},{"symbol":"KO","quantity":"x"}]}', 'bad.json');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.json, column positions\[1\]\.quantity: expected a number, found "x"/);
  });

  it('a missing portfolio or prices file', async () => {
    const r1 = await cli('run', '--portfolio', join(dir, 'nope.csv'), '--prices', PRICES, '--out', join(dir, 'never'), '--log-format', 'text');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/nope\.csv: portfolio file not found/);
    const p = await writeTemp(dir, 'ok.csv', 'symbol,quantity\nIBM,1\n');
    const r2 = await cli('run', '--portfolio', p, '--prices', join(dir, 'nope-prices.csv'), '--out', join(dir, 'never'), '--log-format', 'text');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/nope-prices\.csv: prices file not found/);
  });

  it('bad prices: non-increasing dates and a negative price are named by row and column', async () => {
    const p = await writeTemp(dir, 'ok2.csv', 'symbol,quantity\nAAA,1\n');
    const body = Array.from({ length: 60 }, (_, i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')},${100 + i}`);
    const dates = await writeTemp(dir, 'dates.csv', `date,AAA\n${body.join('\n')}\n`);
    const r1 = await cli('run', '--portfolio', p, '--prices', dates, '--out', join(dir, 'never'), '--log-format', 'text');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/dates\.csv, row 30/);
    const neg = await writeTemp(dir, 'neg.csv', `date,AAA\n2020-01-01,10\n2020-01-02,-3\n`);
    const r2 = await cli('run', '--portfolio', p, '--prices', neg, '--out', join(dir, 'never'), '--log-format', 'text');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/neg\.csv, row 3, column AAA/);
  });

  it('bad usage: an unknown option or a bad value is exit 2', async () => {
    const r1 = await cli('run', '--portfolio', 'x', '--prices', 'y', '--out', 'z', '--bogus');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/unknown option '--bogus'/);
    const r2 = await cli('run', '--portfolio', 'x', '--prices', 'y', '--out', 'z', '--confidence', '1.5');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/confidence levels are numbers strictly between 0 and 1/);
    const r3 = await cli('run', '--portfolio', 'x', '--prices', 'y', '--out', 'z', '--model', 'nosuch', '--log-format', 'text');
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/unknown model "nosuch"/);
  });

  it('--help explains every option and the defaults', async () => {
    const res = await cli('run', '--help');
    expect(res.code).toBe(0);
    for (const opt of ['--portfolio', '--prices', '--out', '--model', '--model-param', '--paths', '--horizon', '--confidence', '--seed', '--missing', '--lookback']) {
      expect(res.stdout).toContain(opt);
    }
    expect(res.stdout).toMatch(/default: "error"/);
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes');
  });
});
