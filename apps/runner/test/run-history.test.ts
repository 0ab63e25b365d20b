import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HistoryDb } from '@tailforge/history';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

describe('tailforge run --history', () => {
  it('records each run and reports the change since the previous one', async () => {
    const dir = await tempDir();
    const p = await writeTemp(dir, 'book.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
    const db = join(dir, 'h', 'history.sqlite');
    const args = ['run', '--portfolio', p, '--prices', PRICES, '--paths', '500', '--history', db, '--quiet'];
    expect((await cli(...args, '--seed', '1', '--out', join(dir, 'a'))).code).toBe(0);
    const first = await readFile(join(dir, 'a', 'report.html'), 'utf8');
    expect(first).toContain('This is the first run of book with model bootstrap over 10 days');
    expect((await cli(...args, '--seed', '2', '--out', join(dir, 'b'))).code).toBe(0);

    const h = HistoryDb.open(db, { readonly: true });
    const runs = h.runs({ portfolio: 'book' });
    h.close();
    expect(runs).toHaveLength(2);
    const a = JSON.parse(await readFile(join(dir, 'a', 'summary.json'), 'utf8'));
    const b = JSON.parse(await readFile(join(dir, 'b', 'summary.json'), 'utf8'));
    expect(runs[0].risk.map((r) => r.var)).toEqual(a.risk.map((r: { var: number }) => r.var));
    expect(runs[1].risk.map((r) => r.var)).toEqual(b.risk.map((r: { var: number }) => r.var));
    expect(runs[1].manifestPath).toBe(join(dir, 'b', 'manifest.json'));
    expect(runs[1].batchId).toBeNull();

    // The second report's change table: VaR 99% now, before and the difference, written out here.
    const html = await readFile(join(dir, 'b', 'report.html'), 'utf8');
    const money = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
    const now = b.risk[1].var;
    const prev = a.risk[1].var;
    const d = now - prev;
    const rel = `${d >= 0 ? '+' : ''}${((d / Math.abs(prev)) * 100).toFixed(1)}%`;
    // A seed change alone: the change is within twice its Monte Carlo error, √(se² + se²·500/500)
    // from this run's bootstrap standard error, so it is grey and "not significant", not red.
    const noise = b.riskErrors[1].varSe * Math.SQRT2;
    expect(Math.abs(d)).toBeLessThanOrEqual(2 * noise);
    expect(html).toContain(
      `<tr><td>VaR 99.0%</td><td>${money(now)}</td><td>${money(prev)}</td><td class="ns" title="|change| ≤ 2 × its Monte Carlo standard error ${money(noise)}">${d >= 0 ? '+' : ''}${money(d)} (${rel}), not significant (within Monte Carlo error)</td></tr>`,
    );
    expect(html).toContain('2 runs of book with model bootstrap over 10 days');
  });

  it('without --history the report has no history sections', async () => {
    const dir = await tempDir();
    const p = await writeTemp(dir, 'book.csv', 'symbol,quantity\nIBM,100\n');
    expect((await cli('run', '--portfolio', p, '--prices', PRICES, '--paths', '200', '--out', join(dir, 'o'), '--quiet')).code).toBe(0);
    const html = await readFile(join(dir, 'o', 'report.html'), 'utf8');
    expect(html).not.toContain('Change since the previous run');
    expect(html).not.toContain('VaR and ES history');
    expect(html).toContain('Portfolio value paths');
  });
});
