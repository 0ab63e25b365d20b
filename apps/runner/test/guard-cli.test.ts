import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRICES, ROOT, cli, staleFridays, tempDir, writeTemp } from './helpers.js';

const SWX = join(ROOT, 'examples/swx_prices.csv');

describe('tailforge check-data', () => {
  it('the shipped prices: info findings only, exit 0, also with --strict', async () => {
    const r = await cli('check-data', '--prices', PRICES);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^.*dowjones30_prices\.csv: daily prices, 30 symbols, 2529 rows 1990-12-31\.\.2001-01-02\n/);
    expect(r.stdout.trim().split('\n').pop()).toBe('3 info');
    expect((await cli('check-data', '--prices', SWX, '--strict')).code).toBe(0);
  });

  it('stale Fridays: warn findings; exit 0 without --strict, 1 with it; json lists them', async () => {
    const dir = await tempDir();
    const file = await staleFridays(dir);
    const plain = await cli('check-data', '--prices', file);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^warn {3}stale-weekday {6}KO: 97\.2% of Friday returns are exactly 0 against 5\.3% on other days/m);
    expect((await cli('check-data', '--prices', file, '--strict')).code).toBe(1);
    const json = await cli('check-data', '--prices', file, '--format', 'json', '--strict');
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ schema: 'tailforge.data-check', schemaVersion: 1, strict: true, passed: false, counts: { warn: 2, info: 3, error: 0 } });
    expect(doc.findings[0]).toMatchObject({ code: 'stale-weekday', severity: 'warn', symbol: 'KO', details: { weekday: 'Friday' } });
    expect((await cli('check-data', '--prices', file, '--strict', '--ignore', 'stale-weekday,zero-returns')).code).toBe(0);
  });

  it('--returns: the frequency is stated; gross returns read as prices are an error finding (exit 1)', async () => {
    const dir = await tempDir();
    const lines = (await readFile(PRICES, 'utf8')).trim().split('\n').slice(0, 400).map((l) => l.split(',').slice(0, 3));
    const ret = lines.slice(2).map((r, i) => [r[0], ...[1, 2].map((k) => Math.log(+r[k] / +lines[i + 1][k]).toFixed(8))].join(','));
    const gross = lines.slice(2).map((r, i) => [r[0], ...[1, 2].map((k) => (+r[k] / +lines[i + 1][k]).toFixed(8))].join(','));
    const rfile = await writeTemp(dir, 'r.csv', `date,AA,AXP\n${ret.join('\n')}\n`);
    const r = await cli('check-data', '--returns', rfile, '--returns-kind', 'log');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/r\.csv: daily log returns as a price index from 1991-01-01, 2 symbols, 399 rows/);
    expect(r.stdout).toMatch(/^info {3}returns-frequency {2}daily log returns \(median spacing 1 calendar day\): horizons count in days/m);
    const g = await cli('check-data', '--prices', await writeTemp(dir, 'g.csv', `date,AA,AXP\n${gross.join('\n')}\n`));
    expect(g.code).toBe(1);
    expect(g.stdout).toMatch(/^error {2}looks-like-returns AA: the values do not behave like prices/m);
  });

  it('bad input exits 2 with one line: a missing file, a returns file read as prices, conflicting options', async () => {
    const dir = await tempDir();
    const missing = await cli('check-data', '--prices', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: file not found/);
    const neg = await cli('check-data', '--prices', await writeTemp(dir, 'n.csv', 'date,A\n2020-01-06,0.01\n2020-01-07,-0.02\n'));
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/n\.csv, row 3, column A: price -0\.02 must be > 0 \(log returns need positive prices\); values near 0 look like returns: read the file with --returns FILE --returns-kind simple\|log/);
    expect((await cli('check-data', '--prices', PRICES, '--returns', PRICES)).code).toBe(2);
    expect((await cli('check-data', '--returns', PRICES)).stderr).toMatch(/--returns needs --returns-kind simple or log/);
    expect((await cli('check-data')).stderr).toMatch(/give the market data: --prices FILE or --returns FILE/);
    expect((await cli('check-data', '--prices', PRICES, '--model', 'no-such')).code).toBe(2);
  });

  it('--model: too little history for it is an error finding (exit 1)', async () => {
    const dir = await tempDir();
    const lines = (await readFile(PRICES, 'utf8')).trim().split('\n').slice(0, 101);
    const r = await cli('check-data', '--prices', await writeTemp(dir, 'short.csv', `${lines.join('\n')}\n`), '--model', 'fhs', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ code: 'history-too-short', severity: 'error', message: '99 daily returns, the model fhs needs at least 250' });
  });
});

describe('tailforge anomaly', () => {
  it('scores every day of the SWX file: json, csv and an html chart with the days above the 99th percentile', async () => {
    const out = await tempDir();
    const r = await cli('anomaly', '--prices', SWX, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2000-01-31\.\.2007-05-08: 1897 states of 6 symbols \(window 20\), trained on 1897 \(2000-01-31\.\.2007-05-08\); \d+ days above the 99th percentile/);
    const doc = JSON.parse(await readFile(join(out, 'anomaly.json'), 'utf8'));
    expect(doc).toMatchObject({ schema: 'tailforge.anomaly', schemaVersion: 1, stateWindow: 20, training: { states: 1897 } });
    expect(doc.days).toHaveLength(1897);
    const csv = (await readFile(join(out, 'anomaly.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('date,distance,percentile,training,anomalous');
    expect(csv).toHaveLength(1898);
    const marked = csv.slice(1).filter((l) => l.endsWith(',1')).map((l) => l.slice(0, 10));
    expect(marked.filter((d) => d.startsWith('2001-09')).length).toBeGreaterThanOrEqual(5);
    const html = await readFile(join(out, 'anomaly.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/Most unusual days/);
    expect(html).not.toMatch(/<script/);
  });

  it('--model-dir: the model\'s symbols, state window and fitting period (the shipped cgan)', async () => {
    const out = await tempDir();
    const r = await cli('anomaly', '--prices', PRICES, '--model-dir', join(ROOT, 'examples/models/cgan-dow'), '--out', out);
    expect(r.code).toBe(0);
    const doc = JSON.parse(await readFile(join(out, 'anomaly.json'), 'utf8'));
    const meta = JSON.parse(await readFile(join(ROOT, 'examples/models/cgan-dow/model.json'), 'utf8'));
    expect(doc.input.symbols).toEqual(meta.symbols);
    expect(doc.stateWindow).toBe(meta.params.stateWindow);
    expect(doc.model).toMatchObject({ from: meta.fitInfo.firstDate, to: meta.fitInfo.lastDate });
    expect(doc.training.lastDate <= meta.fitInfo.lastDate).toBe(true);
  });
});
