import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readPricesCsv } from '@tailforge/core';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

describe('stress scenarios in tailforge run', () => {
  let dir: string;
  let portfolio: string;
  beforeAll(async () => {
    dir = await tempDir();
    portfolio = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
  });

  it('hypothetical shocks and a replayed window give the P&L computed by hand', async () => {
    const scenarios = await writeTemp(
      dir,
      's.yaml',
      [
        'scenarios:',
        '  - name: IBM -30%',
        '    shocks:',
        '      - symbol: IBM',
        '        return: -0.3',
        '  - name: Both down, MSFT too',
        '    shocks:',
        '      - symbols: [IBM, KO, MSFT]', // MSFT is in the prices but not held: it moves nothing
        '        return: -0.1',
        '        days: 3',
        '  - name: On the paths',
        '    apply: on-paths',
        '    shocks:',
        '      - symbol: KO',
        '        return: -0.5',
      ].join('\n'),
    );
    const out = join(dir, 'o');
    const res = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '1000', '--horizon', '5', '--replay', '1998-08-24', '--scenarios', scenarios, '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const table = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO'] });
    const T = table.dates.length;
    const ibm = table.prices[(T - 1) * 2];
    const ko = table.prices[(T - 1) * 2 + 1];
    const byName = Object.fromEntries(s.stress.map((x: { name: string }) => [x.name, x]));
    expect(byName['IBM -30%'].pnl).toBeCloseTo(100 * ibm * -0.3, 6);
    expect(byName['IBM -30%'].maxDrawdown).toBeCloseTo((100 * ibm * 0.3) / (100 * ibm + 200 * ko), 10);
    expect(byName['Both down, MSFT too'].pnl).toBeCloseTo((100 * ibm + 200 * ko) * -0.1, 6);
    // On the paths: KO halves on day 1 of every path, so the mean P&L falls by about 100·KO price.
    const base = s.pnl.mean;
    expect(byName['On the paths'].pnl).toBeLessThan(base - 0.4 * 200 * ko);
    expect(byName['On the paths'].risk[1].es).toBeGreaterThan(s.risk[1].es);

    // The replay of the 5-day window whose first return is dated 1998-08-24 (price rows t−1..t+4), by hand.
    const t0 = table.dates.findIndex((d) => d >= '1998-08-24') - 1;
    const hand = 100 * ibm * (table.prices[(t0 + 5) * 2] / table.prices[t0 * 2] - 1) + 200 * ko * (table.prices[(t0 + 5) * 2 + 1] / table.prices[t0 * 2 + 1] - 1);
    const replay = s.stress.find((x: { kind: string }) => x.kind === 'historical');
    expect(replay.from).toBe(table.dates[t0 + 1]);
    expect(replay.pnl).toBeCloseTo(hand, 6);

    const csv = await readFile(join(out, 'stress.csv'), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(1 + 4);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Stress scenarios');
    expect(html).toContain('IBM -30%');
  });

  it('by default replays the 5 worst windows, worst first in the report', async () => {
    const out = join(dir, 'd');
    expect((await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--paths', '300', '--out', out, '--quiet')).code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const hist = s.stress.filter((x: { kind: string }) => x.kind === 'historical');
    expect(hist).toHaveLength(5);
    const pnls = hist.map((x: { pnl: number }) => x.pnl);
    expect([...pnls].sort((a, b) => a - b)).toEqual(pnls);
    expect(pnls[0]).toBeLessThan(-s.risk[0].var);
  });

  it('a bad scenario file is exit 2 naming the key, before any model is fitted', async () => {
    const bad = await writeTemp(dir, 'bad.yaml', 'scenarios:\n  - name: x\n    shocks:\n      - symbol: IBM\n        return: -2\n');
    const r1 = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--scenarios', bad, '--out', join(dir, 'x'), '--log-format', 'text');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/bad\.yaml, column scenarios\[0\]\.shocks\[0\]\.return: expected a simple return greater than -1/);
    expect(r1.stderr).not.toMatch(/fitted/);
    const typo = await writeTemp(dir, 'typo.yaml', 'scenarios:\n  - name: x\n    shocks:\n      - symbol: IMB\n        return: -0.2\n');
    const r2 = await cli('run', '--portfolio', portfolio, '--prices', PRICES, '--scenarios', typo, '--out', join(dir, 'x'), '--log-format', 'text');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/typo\.yaml, column scenario "x" shocks\[0\]: unknown symbol "IMB"/);
  });
});
