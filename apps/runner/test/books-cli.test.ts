import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { INSTRUMENT_FIELDS, INSTRUMENT_TYPES } from '@tailforge/engine';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const CALL = { symbol: 'IBM', type: 'option', optionType: 'call', quantity: 10, multiplier: 100, strike: 90, expiry: '2001-06-15', impliedVol: 0.4 };

describe('tailforge run: books with instruments and currencies', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('tailforge-books-');
  });
  const runWith = async (portfolio: unknown, name = 'book.json', extra: string[] = []) => {
    const p = await writeTemp(dir, name, typeof portfolio === 'string' ? portfolio : JSON.stringify(portfolio));
    return cli('run', '--portfolio', p, '--prices', PRICES, '--paths', '100', '--out', join(dir, 'never'), '--log-format', 'text', ...extra);
  };
  const oneLine = (s: string) => s.trim().split('\n').filter((l) => l.trim() !== '');

  it.each([
    ['a negative strike', { positions: [{ symbol: 'KO', quantity: 1 }, { ...CALL, strike: -5 }] }, /book\.json, column positions\[1\]\.strike: expected a strike > 0, found -5/],
    ['no implied volatility', { positions: [{ ...CALL, impliedVol: undefined }] }, /column positions\[0\]\.impliedVol: an option needs an implied volatility/],
    ['a bad option type', { positions: [{ ...CALL, optionType: 'straddle' }] }, /column positions\[0\]\.optionType: expected "call" or "put", found "straddle"/],
    ['a bad expiry', { positions: [{ ...CALL, expiry: '15/06/2001' }] }, /column positions\[0\]\.expiry: expected an expiry date YYYY-MM-DD/],
    ['an expired option', { positions: [{ ...CALL, expiry: '2000-06-15' }] }, /column positions\[0\]\.expiry: the option expires on 2000-06-15, not after the prices' last date 2001-01-02/],
    ['a strike on an equity', { positions: [{ symbol: 'IBM', quantity: 1, strike: 90 }] }, /column positions\[0\]\.strike: "strike" is for option positions \(type: option\), not equity/],
    ['an unknown type', { positions: [{ symbol: 'IBM', quantity: 1, type: 'swap' }] }, /column positions\[0\]\.type: expected one of equity, future, option, cash, found "swap"/],
    ['an option by market value', { positions: [{ ...CALL, quantity: undefined, marketValue: 1000 }] }, /column positions\[0\]\.quantity: an option position needs a quantity/],
    ['a bad currency', { positions: [{ symbol: 'IBM', quantity: 1, currency: 'dollars' }] }, /column positions\[0\]\.currency: expected a three-letter currency code/],
    ['two currencies, no base', { positions: [{ symbol: 'IBM', quantity: 1, currency: 'USD' }, { symbol: 'CHF', type: 'cash', quantity: 5 }] }, /holds positions in USD, CHF: name the currency of its figures/],
    ['no FX rate', { baseCurrency: 'USD', positions: [{ symbol: 'IBM', quantity: 1, currency: 'EUR' }] }, /column positions\[0\]\.symbol: position in EUR in a USD book: no FX rate, expected a column EURUSD/],
  ])('%s exits 2 naming the position and field', async (_name, portfolio, pattern) => {
    const res = await runWith(portfolio);
    expect(res.code).toBe(2);
    const lines = oneLine(res.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('CSV: optional instrument columns, errors at row and column', async () => {
    const res = await runWith('symbol,quantity,type,option_type,strike,expiry,implied_vol\nKO,100,,,,,\nIBM,10,option,call,abc,2001-06-15,0.4\n', 'book.csv');
    expect(res.code).toBe(2);
    expect(oneLine(res.stderr)[0]).toMatch(/book\.csv, row 3, column strike: expected a strike > 0, found "abc"/);
  });

  it('a multi-currency book with --fx runs; every money figure names its currency; risk.csv has a currency column', async () => {
    const out = join(dir, 'multi');
    const res = await cli('run', '--portfolio', join(ROOT, 'examples/portfolios/multi-currency.json'), '--prices', PRICES, '--fx', join(ROOT, 'examples/fx/USDCHF-synthetic.csv'), '--paths', '300', '--replay', 'none', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(s.base.currency).toBe('CHF');
    expect(s.portfolio.positions.map((p: { currency: string }) => p.currency)).toEqual(['USD', 'USD', 'USD', 'USD', 'CHF']);
    const csv = (await readFile(join(out, 'risk.csv'), 'utf8')).split('\n');
    const col = csv[0].split(',').indexOf('currency');
    expect(col).toBeGreaterThan(0);
    expect(csv.find((l) => l.includes(',VaR,'))!.split(',')[col]).toBe('CHF');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('every amount in CHF');
  });
});

describe('the portfolio JSON Schema (apps/runner/schemas/portfolio.schema.json)', () => {
  it('accepts the example books, rejects what the reader rejects, and lists every field the reader knows', async () => {
    const schema = JSON.parse(await readFile(join(ROOT, 'apps/runner/schemas/portfolio.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(schema);
    for (const name of ['long-short', 'multi-currency', 'index-options', 'tech-growth']) {
      expect(validate(JSON.parse(await readFile(join(ROOT, `examples/portfolios/${name}.json`), 'utf8')))).toBe(true);
    }
    expect(validate({ positions: [{ ...CALL, strike: -5 }] })).toBe(false);
    expect(validate({ positions: [{ symbol: 'IBM', quantity: 1, strike: 90 }] })).toBe(false);
    expect(validate({ positions: [{ ...CALL, impliedVol: undefined }] })).toBe(false);
    const props = Object.keys(schema.$defs.position.properties);
    for (const f of INSTRUMENT_FIELDS) expect(props).toContain(f);
    expect(schema.$defs.position.properties.type.enum).toEqual([...INSTRUMENT_TYPES]);
  });
});
