import { describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvCell, csvLine } from '@tailforge/engine';
import { escapeHtml } from '@tailforge/report';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd')).toBe("'-cmd");
  });
  it('leaves numbers, plain text and empty cells alone, quotes separators', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-2.5e3')).toBe('-2.5e3');
    expect(csvCell('IBM')).toBe('IBM');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvLine(['a', 1, undefined])).toBe('a,1,\n');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('names from input files reach the outputs escaped', () => {
  it('a hostile portfolio name is escaped in the report and neutralised in the CSV', async () => {
    const dir = await tempDir();
    const name = '=cmd|"/c calc"!A1<script>alert(1)</script>';
    const p = await writeTemp(dir, 'evil.json', JSON.stringify({ name, positions: [{ symbol: 'IBM', quantity: 10 }] }));
    const out = join(dir, 'out');
    const res = await cli('run', '--portfolio', p, '--prices', PRICES, '--paths', '200', '--out', out, '--quiet');
    expect(res.code).toBe(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const csv = await readFile(join(out, 'risk.csv'), 'utf8');
    const firstRow = csv.split('\n')[1];
    expect(firstRow.startsWith(`"'=cmd|`)).toBe(true);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.portfolio.name).toBe(name);
  });
});
