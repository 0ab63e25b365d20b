import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const MODEL = join(ROOT, 'examples/models/cgan-dow');
const BALANCED = join(ROOT, 'examples/portfolios/balanced.csv');

/** Stressed state, tail focus, reverse stress and long horizons through `tailforge run --model-dir` of the example cgan. */
describe('tailforge run with the cgan: stressed state, tail focus, reverse stress, long horizons', () => {
  let dir: string;
  let validate: ReturnType<InstanceType<typeof Ajv2020>['compile']>;
  beforeAll(async () => {
    dir = await tempDir();
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (a: InstanceType<typeof Ajv2020>) => void)(ajv);
    validate = ajv.compile(JSON.parse(await readFile(join(ROOT, 'apps/runner/schemas/summary.v1.schema.json'), 'utf8')));
  });

  it('all three at once: valid summary, figures consistent by hand, report sections', async () => {
    const out = join(dir, 'all');
    const res = await cli('run', '--portfolio', BALANCED, '--prices', PRICES, '--model-dir', MODEL, '--paths', '2000', '--stress-state', '1998-08-31', '--tail-focus', '--reverse-stress', '0.1', '--replay', 'none', '--quiet', '--out', out);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(validate(s)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(s.scenarios).toMatchObject({ kind: 'tail-focused', weighted: true, state: 'latest (2001-01-02)' });

    expect(s.stressedRegime.baseline.label).toBe('latest (2001-01-02)');
    expect(s.stressedRegime.stressed).toMatchObject({ kind: 'date', date: '1998-08-31' });
    expect(s.stressedRegime.baseline.risk).toEqual(s.risk);
    // The stressed state: the Russian-crisis selloff shows in its 5-day market return and its filtered volatility
    // (above the already volatile end of 2000); the long-run volatility is the model's, the same for both.
    expect(s.stressedRegime.stressed.state.marketReturn5).toBeLessThan(-0.08);
    expect(s.stressedRegime.stressed.state.marketVol).toBeGreaterThan(s.stressedRegime.baseline.state.marketVol);
    expect(s.stressedRegime.stressed.state.marketVolRecent).toBeCloseTo(s.stressedRegime.baseline.state.marketVolRecent, 10);

    const w = s.tailFocus.weights;
    expect(Math.abs(w.mean - 1)).toBeLessThan(0.1);
    expect(w.max).toBeLessThanOrEqual(1 / (s.tailFocus.plainPaths / 2000) + 1e-9);
    expect(s.tailFocus.plainPaths).toBe(400);

    const rs = s.reverseStress;
    expect(rs.target).toBeCloseTo(0.1 * s.portfolio.value, 6);
    expect(rs.loss).toBeGreaterThanOrEqual(rs.target);
    // The positions' P&L on the scenario add up to minus its loss; the value path ends there too.
    const pnl = rs.assets.reduce((t: number, a: { scenarioPnl: number }) => t + a.scenarioPnl, 0);
    expect(pnl).toBeCloseTo(-rs.loss, 0);
    expect(rs.days.scenarioValue[10]).toBeCloseTo(s.portfolio.value - rs.loss, 0);
    expect(rs.assets).toHaveLength(15);
    expect(rs.formProbability).toBeCloseTo(0.5 * erfcApprox(rs.latentNorm / Math.SQRT2), 4);
    expect(rs.simulatedProbability).toBeGreaterThan(0);

    const html = await readFile(join(out, 'report.html'), 'utf8');
    for (const h of ['Stressed state beside the latest', 'Reverse stress test: the likeliest path losing', 'Tail-focused sampling']) expect(html).toContain(h);
  });

  it('paths start from the latest state of the prices given: a run on prices up to 1999-12-31 equals --stress-state 1999-12-31 on all of them', async () => {
    const text = await readFile(PRICES, 'utf8');
    const lines = text.split('\n');
    const cut = lines.findIndex((l) => l.startsWith('1999-12-31'));
    const early = await writeTemp(dir, 'early.csv', lines.slice(0, cut + 1).join('\n') + '\n');
    // Market values, so both runs hold the same exposures whatever the last prices.
    const p = await writeTemp(dir, 'mv.csv', 'symbol,market_value\nIBM,100000\nKO,50000\nMSFT,80000\n');
    const a = join(dir, 'early'), b = join(dir, 'stressed');
    const common = ['--portfolio', p, '--model-dir', MODEL, '--paths', '600', '--horizon', '5', '--replay', 'none', '--quiet'];
    expect((await cli('run', ...common, '--prices', early, '--out', a)).code).toBe(0);
    expect((await cli('run', ...common, '--prices', PRICES, '--stress-state', '1999-12-31', '--out', b)).code).toBe(0);
    const sa = JSON.parse(await readFile(join(a, 'summary.json'), 'utf8'));
    const sb = JSON.parse(await readFile(join(b, 'summary.json'), 'utf8'));
    expect(sa.scenarios.state).toBe('latest (1999-12-31)');
    expect(sb.scenarios.state).toBe('latest (2001-01-02)');
    expect(sb.stressedRegime.stressed.risk).toEqual(sa.risk);
    expect(sb.risk).not.toEqual(sa.risk);
  });

  it('clear errors, exit 2: a model without states, a date outside the history, a malformed regime, both stress options', async () => {
    const out = join(dir, 'err');
    const base = ['--portfolio', BALANCED, '--prices', PRICES, '--paths', '100', '--out', out, '--log-format', 'text'];
    const g = await cli('run', ...base, '--model', 'gaussian', '--regime', 'p99');
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/--regime needs a conditional GAN .*the model gaussian is not conditional/);
    const t = await cli('run', ...base, '--model', 'bootstrap', '--tail-focus');
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--tail-focus needs a conditional GAN/);
    const d = await cli('run', ...base, '--model-dir', MODEL, '--stress-state', '1985-06-03');
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/stress state date 1985-06-03 is outside the history: states exist from 1991-01-08 .* to 2001-01-02/); // stateWindow = 5 returns
    const r = await cli('run', ...base, '--model-dir', MODEL, '--regime', 'p100');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--regime.*p100.*pN with 0 < N < 100/);
    const both = await cli('run', ...base, '--model-dir', MODEL, '--regime', 'median', '--stress-state', '1998-08-31');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--stress-state or --regime, not both/);
    const l = await cli('run', ...base, '--model-dir', MODEL, '--reverse-stress', 'ten');
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/--reverse-stress.*expected a loss/);
    const big = await cli('run', ...base, '--model-dir', MODEL, '--reverse-stress', '1e9');
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/long-only portfolio worth .* cannot lose/);
  });

  it('--horizon 250 rolls the model over a year: finite figures, drawdowns over the year', async () => {
    const out = join(dir, 'year');
    const res = await cli('run', '--portfolio', BALANCED, '--prices', PRICES, '--model-dir', MODEL, '--paths', '300', '--horizon', '250', '--replay', 'none', '--quiet', '--out', out);
    expect(res.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(s.riskByHorizon.map((h: { horizonDays: number }) => h.horizonDays)).toEqual([1, 5, 10, 20, 250]);
    const es = s.riskByHorizon.map((h: { risk: Array<{ es: number }> }) => h.risk[1].es);
    expect(es.every(Number.isFinite)).toBe(true);
    // The year's P&L spread, as a fraction of the value: neither collapsed nor exploded (the volatility test in
    // scenarios' long-horizon.test.ts works on log returns; the example model also carries a strong drift).
    expect(s.pnl.sd / s.portfolio.value).toBeGreaterThan(0.05);
    expect(s.pnl.sd / s.portfolio.value).toBeLessThan(1);
    expect(s.maxDrawdown.breachProbability).toBeGreaterThan(0);
    expect(s.maxDrawdown.breachProbability).toBeLessThan(1);
    expect(s.maxDrawdown.mean).toBeGreaterThan(0.03);
    expect(s.maxDrawdown.mean).toBeLessThan(0.5);
    expect(s.maxDrawdown.p99).toBeGreaterThan(s.maxDrawdown.median);
  });
});

/** erfc by its series-free rational approximation (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
function erfcApprox(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const y = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return y * Math.exp(-x * x);
}
