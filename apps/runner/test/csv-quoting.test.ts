import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvRecords } from '@tailforge/core';
import { cli, tempDir, writeTemp } from './helpers.js';

/**
 * Issue 13 item 13: prices and portfolio files go through one RFC 4180
 * reader, so a quoted symbol (comma, doubled quote) in a CRLF file is the
 * same symbol in both and matches end to end.
 */
describe('one CSV reader for prices and portfolios', () => {
  let dir: string;
  let prices: string;
  const A = 'A, Inc.';
  const B = 'B "Best" Co';

  beforeAll(async () => {
    dir = await tempDir();
    const rows = ['date,"A, Inc.","B ""Best"" Co",IBM'];
    for (let t = 0; t < 60; t++) {
      const d = `2020-${String(1 + Math.floor(t / 28)).padStart(2, '0')}-${String(1 + (t % 28)).padStart(2, '0')}`;
      rows.push(`${d},${100 + Math.sin(t) * 3},${50 + Math.cos(t * 1.3) * 2},${80 + Math.sin(t * 0.7)}`);
    }
    prices = await writeTemp(dir, 'quoted-prices.csv', `\uFEFF${rows.join('\r\n')}\r\n`);
  });

  it('a CRLF portfolio with "A, Inc." and a doubled quote runs and matches the prices columns', async () => {
    // A comment with an unbalanced quote, a quoted line break in an ignored column: one record each as the RFC reads it.
    const p = await writeTemp(dir, 'quoted.csv', 'symbol,quantity,note\r\n# the "big one\r\n"A, Inc.",10,"two\r\nlines"\r\n"B ""Best"" Co",5,\r\nIBM,2,x\r\n');
    const out = join(dir, 'o');
    const res = await cli('run', '--prices', prices, '--portfolio', p, '--paths', '200', '--horizon', '2', '--model', 'gaussian', '--replay', 'none', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.portfolio.positions.map((x: { symbol: string }) => x.symbol)).toEqual([A, B, 'IBM']);
    // The symbols come back out of the written CSV as they went in.
    const contributions = readCsvRecords(await readFile(join(out, 'contributions.csv'), 'utf8'), 'contributions.csv');
    const col = contributions[0].fields.indexOf('symbol');
    expect(col).toBeGreaterThanOrEqual(0);
    expect(new Set(contributions.slice(1).map((r) => r.fields[col]))).toEqual(new Set([A, B, 'IBM']));
  });

  it('a symbol the prices do not have is named as read, and a stray quote is exit 2 naming file, row and column', async () => {
    const p = await writeTemp(dir, 'missing.csv', 'symbol,quantity\r\n"A, Inc",10\r\n');
    const res = await cli('run', '--prices', prices, '--portfolio', p, '--paths', '200', '--horizon', '2', '--model', 'gaussian', '--out', join(dir, 'o2'), '--log-format', 'text');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"A, Inc"');
    const bad = await writeTemp(dir, 'stray.csv', 'symbol,quantity\nIBM,1\nB "Best" Co,5\n');
    const res2 = await cli('run', '--prices', prices, '--portfolio', bad, '--paths', '200', '--horizon', '2', '--model', 'gaussian', '--out', join(dir, 'o3'), '--log-format', 'text');
    expect(res2.code).toBe(2);
    expect(res2.stderr.trim()).toContain(`${bad}, row 3, column symbol: a quote inside an unquoted field`);
  });
});
