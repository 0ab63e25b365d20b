import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { baselCapital } from '@tailforge/risk';
import { HistoryDb, HISTORY_SCHEMA_VERSION, SCHEMA_V1, type HistoryRun } from '@tailforge/history';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const SCHEMA_FILE = join(ROOT, 'apps/runner/schemas/summary.v1.schema.json');
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const REG_MEASURES = ['VaR_regulatory', 'VaR_regulatory_historical', 'sVaR', 'sVaR_historical', 'ES_frtb', 'ES_frtb_stressed', 'capital_illustration'];

/** A run of the series "book" / gaussian / 10 days, `i` days before 2026-01-01, with regulatory figures. */
function earlierRun(i: number, v: number, s: number): HistoryRun {
  const at = new Date(Date.UTC(2026, 0, 1) - (60 - i) * 86_400_000).toISOString();
  return {
    runKey: `k${i}`, portfolio: 'book', runAt: at, asOf: at.slice(0, 10), modelName: 'gaussian', modelId: 'gaussian-x', horizonDays: 10, paths: 100, seed: 1, value: 1e5,
    drawdown: { mean: null, median: null, p95: null, p99: null, max: null },
    risk: [{ confidence: 0.99, var: v, es: v * 1.2, varPct: v / 1e5, esPct: (v * 1.2) / 1e5 }],
    manifestPath: `/m${i}.json`, batchId: null, jobId: null,
    regulatory: { var: v, svar: s, svarBasis: 'model', varHistorical: v, svarHistorical: s, stressedFrom: '1998-01-01', stressedTo: '1998-12-31', esFrtb: v },
  };
}

describe('tailforge run --regulatory', () => {
  let dir: string;
  let book: string;
  beforeAll(async () => {
    dir = await tempDir();
    book = await writeTemp(dir, 'book.json', JSON.stringify({ name: 'book', positions: [{ symbol: 'IBM', quantity: 1000 }, { symbol: 'KO', marketValue: 40000, liquidityHorizon: 20 }, { symbol: 'XOM', quantity: 500 }] }));
  });

  it('writes summary.regulatory (valid against the schema), the risk.csv rows and the report section', async () => {
    const out = join(dir, 'plain-reg');
    const res = await cli('run', '--portfolio', book, '--prices', PRICES, '--model', 'gaussian', '--paths', '2000', '--regulatory', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = await readJson(join(out, 'summary.json'));
    const g = s.regulatory;
    expect(g.windowDays).toBe(250);
    expect(g.horizonDays).toBe(10);
    expect(g.stressedPeriod.from < g.stressedPeriod.to).toBe(true);
    expect(g.stressedPeriod.windows).toBe(241);
    expect(g.liquidityHorizons).toEqual([
      { symbol: 'IBM', days: 10, source: 'default' },
      { symbol: 'KO', days: 20, source: 'position' },
      { symbol: 'XOM', days: 10, source: 'default' },
    ]);
    expect(g.frtb.esByBucket).toHaveLength(2);
    // The cascade recomputed from the summary's own buckets: √(ES_1² + ES_2² · (20 − 10)/10).
    expect(g.frtb.es).toBeCloseTo(Math.hypot(g.frtb.esByBucket[0], g.frtb.esByBucket[1]), 6);
    // The historical sVaR is the stressed period's own 99% VaR (what the search maximised).
    expect(g.svar.historical).toBeCloseTo(g.stressedPeriod.value, 6);
    expect(g.svar.historical).toBeGreaterThanOrEqual(g.var.historical);
    expect(g.headline).toMatchObject({ var: g.var.model, svar: g.svar.model, svarBasis: 'model' });
    expect(g.capital).toEqual({ available: false, runs: 0, note: 'no results history (--history) to average over' });
    expect(g.illustration).toMatch(/not a regulatory filing/);

    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (a: InstanceType<typeof Ajv2020>) => void)(ajv);
    const validate = ajv.compile(await readJson(SCHEMA_FILE));
    expect(validate(s)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    // The schema checks the block: a stressed period without dates is rejected.
    expect(validate({ ...s, regulatory: { ...g, stressedPeriod: { ...g.stressedPeriod, from: 'yesterday' } } })).toBe(false);

    const rows = (await readFile(join(out, 'risk.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
    const reg = rows.filter((r) => REG_MEASURES.includes(r[4]));
    expect(reg.map((r) => r[4])).toEqual(REG_MEASURES);
    expect(Number(reg.find((r) => r[4] === 'sVaR')![6])).toBeCloseTo(g.svar.model, 6);
    expect(reg.find((r) => r[4] === 'capital_illustration')![6]).toBe('');

    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Regulatory view</h2>');
    expect(html).toContain(`Stressed period: <strong>${g.stressedPeriod.from} to ${g.stressedPeriod.to}</strong>`);
    expect(html).toContain('An illustration, not a regulatory filing.');
    const manifest = await readJson(join(out, 'manifest.json'));
    expect(manifest.command).toEqual(expect.arrayContaining(['--regulatory']));
  });

  it('--regulatory-factors without --regulatory is a usage error (exit 2)', async () => {
    const res = await cli('run', '--portfolio', book, '--prices', PRICES, '--regulatory-factors', 'IBM', '--out', join(dir, 'x'), '--quiet');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--regulatory-factors and --stressed-measure go with --regulatory');
  });

  it('the capital combination from a fixed 60-run history; the run is recorded with its sVaR', async () => {
    const db = join(dir, 'h.sqlite');
    const h = HistoryDb.open(db);
    const vars = Array.from({ length: 60 }, (_, i) => 1000 + 10 * i);
    const svars = vars.map((v) => 2 * v + 5);
    vars.forEach((v, i) => h.insertRun(earlierRun(i, v, svars[i])));
    h.close();
    const out = join(dir, 'with-history');
    const res = await cli('run', '--portfolio', book, '--prices', PRICES, '--model', 'gaussian', '--paths', '1000', '--regulatory', '--history', db, '--out', out, '--quiet');
    expect(res.code).toBe(0);
    const s = await readJson(join(out, 'summary.json'));
    const c = s.regulatory.capital;
    const expected = baselCapital(vars, svars, 0, { mc: 3, ms: 3 });
    expect(c).toMatchObject({ available: true, multiplier: 3, multiplierSource: 'assumed', runs: 60, backtest: null });
    // By hand: VaR_avg = 1000 + 10 · 29.5 = 1295, sVaR_avg = 2 · 1295 + 5 = 2595; 3 · both beat the latest (1590, 3185).
    expect(c.varAverage).toBeCloseTo(1295, 9);
    expect(c.svarAverage).toBeCloseTo(2595, 9);
    expect(c.capital).toBeCloseTo(3 * 1295 + 3 * 2595, 6);
    expect(c.capital).toBeCloseTo(expected.capital, 9);
    expect(c.note).toMatch(/m = 3 assumed/);
    const row = (await readFile(join(out, 'risk.csv'), 'utf8')).split('\n').find((l) => l.includes(',capital_illustration,'))!;
    expect(Number(row.split(',')[6])).toBeCloseTo(c.capital, 6);

    const r = HistoryDb.open(db, { readonly: true });
    const runs = r.runs({ portfolio: 'book' });
    r.close();
    expect(runs).toHaveLength(61);
    expect(runs[60].regulatory).toMatchObject({ var: s.regulatory.headline.var, svar: s.regulatory.headline.svar, svarBasis: 'model', stressedFrom: s.regulatory.stressedPeriod.from });
  });

  it('a version-1 history stays readable read-only and is migrated when written', async () => {
    const file = join(dir, 'v1.sqlite');
    const raw = new Database(file);
    raw.exec(SCHEMA_V1);
    raw.pragma('user_version = 1');
    const old = earlierRun(0, 100, 200);
    raw.prepare(`INSERT INTO runs (run_key, portfolio, run_at, as_of, model_name, model_id, horizon_days, paths, seed, value, manifest_path)
                 VALUES ('old', 'book', ?, ?, 'gaussian', 'g', 10, 100, 1, 1e5, '/m.json')`).run(old.runAt, old.asOf);
    raw.close();
    const ro = HistoryDb.open(file, { readonly: true });
    const read = ro.runs({ portfolio: 'book' });
    ro.close();
    expect(read).toHaveLength(1);
    expect(read[0].regulatory).toBeNull();
    const rw = HistoryDb.open(file);
    expect(rw.insertRun(earlierRun(1, 110, 220))).toBe(true);
    const both = rw.runs({ portfolio: 'book' });
    rw.close();
    expect(both.map((x) => x.regulatory?.svar ?? null)).toEqual([null, 220]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(HISTORY_SCHEMA_VERSION);
    check.close();
  });
});

describe('tailforge batch with regulatory: true', () => {
  it('adds the regulatory view to the job and records its sVaR in the history; bad values are config errors', async () => {
    const dir = await tempDir();
    const book = await writeTemp(dir, 'book.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
    const config = await writeTemp(dir, 'nightly.yaml', `version: 1
out: out
prices: ${PRICES}
concurrency: 1
defaults: { model: gaussian, paths: 500, seed: 3 }
jobs:
  - portfolio: book.csv
    id: reg
    regulatory: true
  - portfolio: book.csv
    id: reg-es
    regulatory: { factors: [KO], stressedMeasure: es }
  - portfolio: book.csv
    id: plain
`);
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(0);
    const reg = await readJson(join(dir, 'out', 'jobs', 'reg', 'summary.json'));
    const es = await readJson(join(dir, 'out', 'jobs', 'reg-es', 'summary.json'));
    const plain = await readJson(join(dir, 'out', 'jobs', 'plain', 'summary.json'));
    expect(reg.regulatory.stressedPeriod.measure).toBe('var');
    expect(es.regulatory.stressedPeriod.measure).toBe('es');
    expect(es.regulatory.frtb.reducedFactors).toMatchObject({ symbols: ['KO'], chosenBy: 'user' });
    expect('regulatory' in plain).toBe(false);
    const manifest = await readJson(join(dir, 'out', 'jobs', 'reg-es', 'manifest.json'));
    expect(manifest.command).toEqual(expect.arrayContaining(['--regulatory', '--regulatory-factors', 'KO', '--stressed-measure', 'es']));
    const h = HistoryDb.open(join(dir, 'out', 'history.sqlite'), { readonly: true });
    const runs = h.runs({ portfolio: 'book' });
    h.close();
    expect(runs.filter((r) => r.regulatory != null).map((r) => r.jobId).sort()).toEqual(['reg', 'reg-es']);

    const bad = await writeTemp(dir, 'bad.yaml', `version: 1
out: out2
prices: ${PRICES}
jobs:
  - portfolio: book.csv
    regulatory: { stressedMeasure: cvar }
`);
    const err = await cli('batch', '--allow-outside', '--config', bad);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/bad\.yaml, line 6, key jobs\[0\]\.regulatory\.stressedMeasure: must be var or es, got/);
  });
});
