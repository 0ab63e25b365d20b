import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readPricesCsv, registerBuiltinModels, toLogReturns } from '@tailforge/core';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const EWMA = join(ROOT, 'examples/plugins/ewma-t');
const FIXTURES = join(ROOT, 'apps/runner/test/fixtures/plugins');
const fixture = (name: string): string => join(FIXTURES, name);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

interface LogLine {
  event: string;
  message: string;
  job?: string;
}
const events = (stderr: string): LogLine[] =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

/** The error the CLI reported: the JSON log's `error` line when logging as JSON, else the `error: ` line. */
function errorMessage(stderr: string): string {
  const logged = events(stderr).find((e) => e.event === 'error');
  return logged !== undefined ? `error: ${logged.message}` : (stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '');
}

/** A user's mistake is one line naming it, never a stack trace. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/not an input error/);
}

describe('model plugins through the CLI', () => {
  let dir: string;
  let portfolio: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir('tailforge-plugin-');
    portfolio = await writeTemp(dir, 'two.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
  });

  it('`models` lists the built-in and the plugin models with parameters and capabilities', async () => {
    const text = await cli('models', '--plugin', EWMA);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^ewma-t\\s+plugin ${EWMA}\\s+no\\s+no\\s+no\\s+no\\s+75 days\\s+RiskMetrics EWMA`, 'm'));
    expect(text.stdout).toMatch(/^bootstrap\s+built-in\s+no\s+no\s+no\s+no\s+20 days/m);
    expect(text.stdout).toMatch(/^cgan\s+built-in\s+yes\s+yes\s+yes\s+yes/m);
    expect(text.stdout).toMatch(/^ {2}lambda\s+number\s+0\.94\s+a number in \[0\.5, 1\)\s+EWMA decay/m);
    expect(text.stdout).toMatch(/^ {2}drift\s+enum\s+historical\s+historical, zero or model/m);

    const json = await cli('models', '--format', 'json', '--plugin', EWMA);
    expect(json.code).toBe(0);
    const listing = JSON.parse(json.stdout);
    expect(listing.schema).toBe('tailforge.models');
    expect(listing.models.map((m: { name: string }) => m.name)).toEqual(['bootstrap', 'cgan', 'ewma-t', 'fhs', 'gaussian', 'student-t']);
    const ewma = listing.models.find((m: { name: string }) => m.name === 'ewma-t');
    expect(ewma).toMatchObject({
      source: `plugin ${EWMA}`,
      file: join(EWMA, 'index.js'),
      contractVersion: 1,
      capabilities: { conditional: false, tailSampling: false, weights: false, needsTensorflow: false },
      minObservations: 75,
    });
    expect(ewma.parameters).toEqual([
      expect.objectContaining({ name: 'lambda', type: 'number', default: 0.94, min: 0.5, max: 1, exclusiveMax: true }),
      expect.objectContaining({ name: 'dof', type: 'number', default: 6, min: 2, max: 1000, exclusiveMin: true }),
    ]);
  });

  it('`check-model ewma-t` passes every check (exit 0); a model returning NaN fails it (exit 1)', async () => {
    const ok = await cli('check-model', 'ewma-t', '--plugin', EWMA);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^model ewma-t \(contract v1\) on 300 daily returns of AA, IBM, KO, MSFT/);
    for (const check of ['declaration', 'fit', 'shape', 'finite', 'same seed, same paths', 'different seeds differ', 'chunked = one-shot', 'save / load', 'fit warnings', 'conditioning', 'too little data', 'unknown parameter', 'bad parameter value']) {
      expect(ok.stdout).toMatch(new RegExp(`^${check.replace(/[()=/]/g, '\\$&')}\\s+ok\\s+\\d+ ms`, 'm'));
    }
    expect(ok.stdout).toMatch(/^all 13 checks passed in/m);

    const bad = await cli('check-model', 'nan-paths', '--plugin', fixture('nan-paths.js'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`^shape\\s+FAIL\\s+\\d+ ms\\s+ModelError: model nan-paths \\(plugin ${fixture('nan-paths.js')}\\): sample produced a non-finite return \\(NaN\\) on path 1, day 1, asset IBM`, 'm'));
    expect(bad.stdout).toMatch(/^finite\s+skipped/m);
    expect(bad.stdout).toMatch(/^1 of 13 checks failed: shape$/m);

    const unknown = await cli('check-model', 'no-such-model');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model "no-such-model"/);
  });

  it('`run --plugin`: ewma-t VaR matches the closed form of its fitted EWMA covariance', async () => {
    const out = join(dir, 'run');
    const res = await cli(
      'run', '--plugin', relative(process.cwd(), EWMA), '--portfolio', portfolio, '--prices', PRICES, '--model', 'ewma-t',
      '--model-param', 'dof=1000', '--horizon', '1', '--paths', '20000', '--confidence', '0.99', '--replay', 'none', '--out', out, '--log-format', 'json',
    );
    expect(res.code).toBe(0);
    const summary = await readJson(join(out, 'summary.json'));
    expect(summary.model).toMatchObject({ name: 'ewma-t', params: { lambda: 0.94, dof: 1000 } });
    // Independently: Σ = λ^T S + (1 − λ) Σ_t λ^(T−1−t) r_t r_tᵀ, exposures e = quantity × last price,
    // and with ν = 1000 the one-day P&L ≈ eᵀr is normal: VaR99 ≈ 2.3263 √(eᵀΣe) (Monte Carlo error ~1%).
    const table = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO'] });
    const r = toLogReturns(table).values;
    const T = r.length / 2;
    const cov = (i: number, j: number): number => {
      let s = 0;
      for (let t = 0; t < T; t++) s += r[2 * t + i] * r[2 * t + j];
      let c = 0.94 ** T * (s / T);
      for (let t = 0; t < T; t++) c += 0.06 * 0.94 ** (T - 1 - t) * r[2 * t + i] * r[2 * t + j];
      return c;
    };
    const last = table.prices.length / 2 - 1;
    const e = [100 * table.prices[2 * last], 200 * table.prices[2 * last + 1]];
    const sd = Math.sqrt(e[0] * e[0] * cov(0, 0) + 2 * e[0] * e[1] * cov(0, 1) + e[1] * e[1] * cov(1, 1));
    expect(summary.risk[0].var / (2.3263 * sd)).toBeGreaterThan(0.95);
    expect(summary.risk[0].var / (2.3263 * sd)).toBeLessThan(1.05);
    const manifest = await readJson(join(out, 'manifest.json'));
    expect(manifest.command).toContain('--plugin');
  });

  it('`--model-param` values are typed and checked by the plugin model\'s schema', async () => {
    const base = ['run', '--plugin', EWMA, '--portfolio', portfolio, '--prices', PRICES, '--model', 'ewma-t', '--out', join(dir, 'bad')];
    const range = await cli(...base, '--model-param', 'lambda=1.5');
    expect(range.code).toBe(2);
    expect(errorMessage(range.stderr)).toBe('error: model ewma-t: parameter lambda must be a number in [0.5, 1), got 1.5');
    const unknown = await cli(...base, '--model-param', 'nu=5');
    expect(unknown.code).toBe(2);
    expect(errorMessage(unknown.stderr)).toBe('error: model ewma-t has no parameter "nu"; its parameters are: lambda, dof');
    expectNoStack(range.stderr + unknown.stderr);
  });

  it('`backtest --model bootstrap,ewma-t` puts the plugin model beside the built-in one in one table', async () => {
    const out = join(dir, 'backtest');
    const res = await cli(
      'backtest', '--plugin', EWMA, '--portfolio', portfolio, '--prices', PRICES, '--model', 'bootstrap,ewma-t',
      '--from', '2000-10-02', '--lookback', '250', '--paths', '300', '--out', out, '--log-format', 'json',
    );
    expect(res.code).toBe(0);
    const bt = await readJson(join(out, 'backtest.json'));
    expect(bt.models.map((m: { model: string }) => m.model)).toEqual(['bootstrap', 'ewma-t']);
    const csv = (await readFile(join(out, 'backtest.csv'), 'utf8')).trim().split('\n').slice(1);
    const byModel = (m: string) => csv.filter((l) => l.split(',')[1] === m).length;
    expect(byModel('ewma-t')).toBe(byModel('bootstrap'));
    expect(byModel('ewma-t')).toBeGreaterThan(100);
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain('ewma-t');
  });

  it('`batch` with plugins: the plugin model runs on worker threads; the broken model fails alone', async () => {
    const b = await tempDir('tailforge-plugin-batch-');
    await writeTemp(b, 'two.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
    const config = await writeTemp(
      b,
      'nightly.yaml',
      `version: 1
out: out
plugins:
  - ${relative(b, EWMA)}
  - ${relative(b, fixture('nan-paths.js'))}
prices: ${PRICES}
concurrency: 2
defaults: { paths: 300, horizon: 5, seed: 3 }
jobs:
  - portfolio: two.csv
    model: [bootstrap, ewma-t, nan-paths]
`,
    );
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(1);
    const log = events(res.stderr);
    expect(log.filter((e) => e.event === 'job-done').map((e) => e.job).sort()).toEqual(['two-bootstrap', 'two-ewma-t']);
    const failed = log.filter((e) => e.event === 'job-failed');
    expect(failed.map((e) => e.job)).toEqual(['two-nan-paths']);
    expect(failed[0].message).toContain('model nan-paths (plugin ');
    expect(failed[0].message).toMatch(/sample produced a non-finite return \(NaN\) on path 1, day 1, asset KO/);
    const summary = await readJson(join(b, 'out/jobs/two-ewma-t/summary.json'));
    expect(summary.model.name).toBe('ewma-t');
    const manifest = await readJson(join(b, 'out/jobs/two-ewma-t/manifest.json'));
    expect(manifest.command.slice(0, 4)).toEqual(['tailforge', 'run', '--plugin', join(EWMA, 'index.js')]);

    // The same batch again: the plugin's jobs are up to date like the others.
    const again = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(again.stdout).toMatch(/3 jobs: 0 ran, 2 up to date, 1 failed/);
  });

  it('a batch whose plugin does not load is a config error: exit 2 with its line, nothing runs', async () => {
    const b = await tempDir('tailforge-plugin-batch-');
    await writeTemp(b, 'two.csv', 'symbol,quantity\nIBM,100\n');
    const config = await writeTemp(
      b,
      'nightly.yaml',
      `version: 1
out: out
plugins: [${relative(b, fixture('throws-on-load.js'))}]
prices: ${PRICES}
jobs:
  - portfolio: two.csv
`,
    );
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`nightly.yaml, line 3, key plugins[0]: plugin ${relative(b, fixture('throws-on-load.js'))}: loading ${fixture('throws-on-load.js')} failed: Error: cannot reach the licence server`);
    expectNoStack(res.stderr);
    expect(existsSync(join(b, 'out'))).toBe(false);
  });

  it('a batch config checks the plugins key and the plugin models\' parameters by their schema, with lines', async () => {
    const b = await tempDir('tailforge-plugin-batch-');
    await writeTemp(b, 'two.csv', 'symbol,quantity\nIBM,100\n');
    const config = await writeTemp(
      b,
      'nightly.yaml',
      `version: 1
out: out
plugins: [${EWMA}]
prices: ${PRICES}
jobs:
  - portfolio: two.csv
    model: ewma-t
    modelParams: { lambda: 2, dof: "many" }
`,
    );
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(2);
    const message = errorMessage(res.stderr);
    expect(message).toContain('nightly.yaml, line 8, key jobs[0].modelParams.lambda: model ewma-t: parameter lambda must be a number in [0.5, 1), got 2');
    expect(message).toContain('nightly.yaml, line 8, key jobs[0].modelParams.dof: model ewma-t: parameter dof must be a finite number, got "many"');
    await writeTemp(b, 'nightly.yaml', `version: 1\nout: out\nplugins: ${EWMA}\nprices: ${PRICES}\njobs:\n  - portfolio: two.csv\n`);
    const notList = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(notList.code).toBe(2);
    expect(errorMessage(notList.stderr)).toContain(`nightly.yaml, line 3, key plugins: expected a list, got "${EWMA}"`);
  });

  describe('bad plugins fail safely: exit 2, the plugin named with what is wrong, no stack trace', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['a missing file', 'missing.js', /file not found: .*missing\.js/],
      ['a module that throws on load', 'throws-on-load.js', /loading .*throws-on-load\.js failed: Error: cannot reach the licence server/],
      ['a module without models', 'no-export.js', /exports no models: it must `export default defineModel\(\{\.\.\.\}\)`.*it exports helper/],
      ['an export not made by defineModel', 'plain-object.js', /model "hand-made" is not a model made by defineModel/],
      ['a model for a newer contract', 'wrong-version.js', /model "from-the-future" was written for model contract version 2; this tailforge implements version 1 \(it needs a newer tailforge\)/],
      ['a model stamped by an older contract', 'foreign-version.js', /model "old-model" was written for model contract version 0; this tailforge implements version 1/],
    ];
    for (const [what, file, reason] of cases) {
      it(what, async () => {
        const res = await cli('models', '--plugin', fixture(file));
        expect(res.code).toBe(2);
        expect(res.stderr).toContain(`error: plugin ${fixture(file)}: `);
        expect(res.stderr).toMatch(reason);
        expect(res.stderr.trim().split('\n')).toHaveLength(1);
        expectNoStack(res.stderr);
      });
    }

    it('a model returning the wrong number of values or NaN', async () => {
      for (const [file, name, reason] of [
        ['short-paths.js', 'short-paths', /sample returned 19999 values for 1000 paths × 10 days × 2 assets \(expected 20000 values\)/],
        ['nan-paths.js', 'nan-paths', /sample produced a non-finite return \(NaN\) on path 1, day 1, asset KO/],
      ] as const) {
        const res = await cli('run', '--plugin', fixture(file), '--portfolio', portfolio, '--prices', PRICES, '--model', name, '--paths', '1000', '--out', join(dir, name));
        expect(res.code).toBe(2);
        expect(errorMessage(res.stderr)).toContain(`error: model ${name} (plugin ${fixture(file)}): `);
        expect(errorMessage(res.stderr)).toMatch(reason);
        expectNoStack(res.stderr);
      }
    });
  });
});
