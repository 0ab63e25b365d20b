import { describe, expect, it, beforeAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRICES, cli, staleFridays, tempDir, writeTemp } from './helpers.js';

/** Month-end simple returns of IBM, KO and MSFT from the shipped prices. */
async function monthlyReturns(dir: string): Promise<string> {
  const lines = (await readFile(PRICES, 'utf8')).trim().split('\n');
  const head = lines[0].split(',');
  const cols = ['IBM', 'KO', 'MSFT'].map((s) => head.indexOf(s));
  const last = new Map<string, string[]>();
  for (const l of lines.slice(1)) {
    const r = l.split(',');
    last.set(r[0].slice(0, 7), r);
  }
  const months = [...last.values()];
  const out = ['date,IBM,KO,MSFT'];
  for (let i = 1; i < months.length; i++) out.push([months[i][0], ...cols.map((c) => String(Number(months[i][c]) / Number(months[i - 1][c]) - 1))].join(','));
  return writeTemp(dir, 'monthly.csv', `${out.join('\n')}\n`);
}

describe('run warnings and --strict', () => {
  let dir: string;
  let portfolio: string;
  beforeAll(async () => {
    dir = await tempDir();
    portfolio = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
  });

  it('a thin run: warnings in summary, manifest and the JSON log (each once); exit 0, or 1 with --strict and the outputs still written', async () => {
    const args = ['run', '--portfolio', portfolio, '--prices', PRICES, '--model', 'gaussian', '--paths', '150', '--horizon', '5', '--horizons', '1,20', '--replay', 'none'];
    const plain = await cli(...args, '--out', join(dir, 'plain'), '--log-format', 'json');
    expect(plain.code).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'plain', 'summary.json'), 'utf8'));
    const codes = summary.warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(['few-tail-paths', 'few-tail-paths', 'horizons-dropped']);
    const manifest = JSON.parse(await readFile(join(dir, 'plain', 'manifest.json'), 'utf8'));
    expect(manifest.warnings).toEqual(summary.warnings);
    const logged = plain.stderr.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.event === 'warning');
    expect(logged.map((e) => e.code)).toEqual(codes);
    expect(await readFile(join(dir, 'plain', 'report.html'), 'utf8')).toContain('<aside class="warnings"');

    const strict = await cli(...args, '--out', join(dir, 'strict'), '--strict', '--quiet');
    expect(strict.code).toBe(1);
    for (const f of ['summary.json', 'risk.csv', 'report.html', 'manifest.json']) expect(existsSync(join(dir, 'strict', f))).toBe(true);
    // Enough paths and no dropped horizon: no warning, --strict passes.
    const clean = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--model', 'gaussian', '--paths', '1000', '--horizon', '5', '--replay', 'none', '--strict', '--quiet', '--out', join(dir, 'clean'));
    expect(clean.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'clean', 'summary.json'), 'utf8')).warnings).toEqual([]);
  });

  it('stale prices are a run warning', async () => {
    const stale = await staleFridays(dir);
    const r = await cli('run', '--portfolio', portfolio, '--prices', stale, '--model', 'gaussian', '--paths', '1000', '--horizon', '5', '--replay', 'none', '--quiet', '--out', join(dir, 'stale'));
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(dir, 'stale', 'summary.json'), 'utf8'));
    expect(s.warnings.map((w: { code: string; symbol?: string }) => `${w.code}:${w.symbol}`)).toContain('stale-weekday:KO');
  });

  it('a saved model trained on data ending long before the prices: stale-model, unless --max-model-age allows it', async () => {
    const lines = (await readFile(PRICES, 'utf8')).trim().split('\n');
    const early = await writeTemp(dir, 'early.csv', `${lines.slice(0, 2001).join('\n')}\n`);
    const model = join(dir, 'model');
    expect((await cli('train', '--prices', early, '--symbols', 'IBM,KO', '--model', 'gaussian', '--out', model, '--quiet')).code).toBe(0);
    const run = (extra: string[]) => cli('run', '--portfolio', portfolio, '--prices', PRICES, '--model-dir', model, '--paths', '1000', '--horizon', '5', '--replay', 'none', '--quiet', '--out', join(dir, 'aged'), ...extra);
    expect((await run(['--strict'])).code).toBe(1);
    const s = JSON.parse(await readFile(join(dir, 'aged', 'summary.json'), 'utf8'));
    const stale = s.warnings.find((w: { code: string }) => w.code === 'stale-model');
    // The model saw the first 2,000 of the 2,529 dates: 529 dates after its last one.
    expect(stale).toMatchObject({ severity: 'warn', details: { datesAfter: 529, maxAge: 20 } });
    expect((await run(['--strict', '--max-model-age', '600'])).code).toBe(0);
  });

  it('--returns: a monthly returns file, positions in market value, frequency stated; quantities refused', async () => {
    const returns = await monthlyReturns(dir);
    const mv = await writeTemp(dir, 'mv.csv', 'symbol,market_value\nIBM,100000\nKO,50000\nMSFT,50000\n');
    const r = await cli('run', '--portfolio', mv, '--returns', returns, '--returns-kind', 'simple', '--model', 'gaussian', '--horizon', '3', '--paths', '1000', '--quiet', '--out', join(dir, 'monthly'));
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(dir, 'monthly', 'summary.json'), 'utf8'));
    expect(s.data.input).toEqual({ kind: 'returns', returnsKind: 'simple', frequency: 'monthly', medianSpacingDays: expect.any(Number) });
    expect(s.portfolio.value).toBeCloseTo(200000, 6);
    expect(s.scenarios.horizonDays).toBe(3);
    expect(await readFile(join(dir, 'monthly', 'report.html'), 'utf8')).toContain('monthly simple returns; the horizon of 3 counts monthly periods');
    const manifest = JSON.parse(await readFile(join(dir, 'monthly', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { role: string }) => i.role)).toContain('returns');
    const qty = await cli('run', '--portfolio', portfolio, '--returns', returns, '--returns-kind', 'simple', '--quiet', '--out', join(dir, 'q'));
    expect(qty.code).toBe(2);
    expect(qty.stderr).toMatch(/position IBM is given as a quantity, but with --returns .* give positions in market value/);
    const both = await cli('run', '--portfolio', mv, '--returns', returns, '--prices', PRICES, '--quiet', '--out', join(dir, 'q'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give --prices or --returns, not both/);
    const kindless = await cli('run', '--portfolio', mv, '--returns', returns, '--quiet', '--out', join(dir, 'q'));
    expect(kindless.code).toBe(2);
    expect(kindless.stderr).toMatch(/--returns needs --returns-kind simple or log/);
  });

  it('a batch with strict: true exits 1 when a job has warnings (outputs written), 0 without them', async () => {
    const config = (paths: number, strict: string) =>
      writeTemp(dir, `b${paths}.yaml`, `version: 1\nout: out${paths}\nprices: ${PRICES}\n${strict}defaults: { paths: ${paths}, horizon: 5, model: gaussian, replay: none }\njobs:\n  - portfolio: p.csv\n`);
    const thin = await cli('batch', '--allow-outside', '--config', await config(150, 'strict: true\n'), '--quiet');
    expect(thin.code).toBe(1);
    expect(existsSync(join(dir, 'out150', 'jobs', 'p', 'summary.json'))).toBe(true);
    const index = await readFile(join(dir, 'out150', 'index.html'), 'utf8');
    expect(index).toMatch(/<td class="warnings-count up" title="few-tail-paths">2<\/td>/);
    // The same thin batch without strict passes; with --strict on the command line it fails again.
    const loose = await config(151, '');
    expect((await cli('batch', '--allow-outside', '--config', loose, '--quiet')).code).toBe(0);
    expect((await cli('batch', '--allow-outside', '--config', loose, '--quiet', '--strict')).code).toBe(1);
    expect((await cli('batch', '--allow-outside', '--config', await config(1000, 'strict: true\n'), '--quiet')).code).toBe(0);
    const bad = await writeTemp(dir, 'bad.yaml', `version: 1\nout: o\nstrict: yes please\ndefaults: { returns: monthly.csv }\njobs:\n  - portfolio: p.csv\n`);
    const r = await cli('batch', '--allow-outside', '--config', bad, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/strict: expected true or false/);
    expect(r.stderr).toMatch(/returns needs returnsKind: simple or log/);
  });
});
