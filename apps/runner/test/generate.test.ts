import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { readPricesCsv, registerBuiltinModels, toLogReturns } from '@tailforge/core';
import { businessDaysAfter } from '@tailforge/engine';
import { cli, PRICES, tempDir } from './helpers.js';

const SYMBOLS = ['IBM', 'KO', 'MSFT'];
type Row = { path: number; date: string; prices: number[] };

/** The .npy file read by hand from its documented layout: header dict, then packed records (u4 path, i8 days since 1970, f8 per symbol). */
function readNpy(buf: Buffer): { descr: string; shape: number; rows: Row[] } {
  expect(buf.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
  const v2 = buf[6] === 2;
  const len = v2 ? buf.readUInt32LE(8) : buf.readUInt16LE(8);
  const start = (v2 ? 12 : 10) + len;
  expect(start % 64).toBe(0);
  const header = buf.subarray(v2 ? 12 : 10, start).toString('latin1');
  const shape = Number(/'shape': \((\d+),\)/.exec(header)![1]);
  const descr = /'descr': (\[.*\]), 'fortran_order'/.exec(header)![1];
  const size = 12 + 8 * SYMBOLS.length;
  expect(buf.length - start).toBe(shape * size);
  const rows: Row[] = [];
  for (let i = 0; i < shape; i++) {
    const o = start + i * size;
    const days = Number(buf.readBigInt64LE(o + 4));
    rows.push({ path: buf.readUInt32LE(o), date: new Date(days * 86_400_000).toISOString().slice(0, 10), prices: SYMBOLS.map((_, a) => buf.readDoubleLE(o + 12 + 8 * a)) });
  }
  return { descr, shape, rows };
}

describe('tailforge generate', () => {
  let dir: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir('tailforge-generate-');
  });

  const generate = (format: string, out: string, ...extra: string[]) =>
    cli('generate', '--prices', PRICES, '--symbols', SYMBOLS.join(','), '--model', 'bootstrap', '--paths', '4', '--horizon', '5', '--seed', '2', '--format', format, '--out', out, '--quiet', ...extra);

  it('csv, npy and parquet hold the same table: path, date (business days after the last real day), one column per symbol', async () => {
    for (const f of ['csv', 'npy', 'parquet']) expect((await generate(f, join(dir, `s.${f}`))).code).toBe(0);
    const table = await readPricesCsv(PRICES, { symbols: SYMBOLS });
    const dates = businessDaysAfter(table.dates[table.dates.length - 1], 5);

    const lines = (await readFile(join(dir, 's.csv'), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('path,date,IBM,KO,MSFT');
    const csv: Row[] = lines.slice(1).map((l) => {
      const [p, d, ...x] = l.split(',');
      return { path: Number(p), date: d, prices: x.map(Number) };
    });
    expect(csv).toHaveLength(4 * 5);
    csv.forEach((r, i) => {
      expect(r.path).toBe(Math.floor(i / 5));
      expect(r.date).toBe(dates[i % 5]);
    });

    // A bootstrap sample: every day's log returns (from the last real prices on) are a row of the history.
    const history = toLogReturns(table);
    const T = table.dates.length;
    const last = SYMBOLS.map((_, a) => table.prices[(T - 1) * SYMBOLS.length + a]);
    csv.forEach((r, i) => {
      const prev = i % 5 === 0 ? last : csv[i - 1].prices;
      const ret = r.prices.map((x, a) => Math.log(x / prev[a]));
      const row = history.dates.findIndex((_, d) => ret.every((x, a) => Math.abs(x - history.values[d * SYMBOLS.length + a]) < 2e-6));
      expect(row).toBeGreaterThanOrEqual(0);
    });

    const npy = readNpy(await readFile(join(dir, 's.npy')));
    expect(npy.descr).toBe("[('path', '<u4'), ('date', '<M8[D]'), ('IBM', '<f8'), ('KO', '<f8'), ('MSFT', '<f8')]");
    expect(npy.shape).toBe(20);
    expect(npy.rows).toEqual(csv);

    const buf = await readFile(join(dir, 's.parquet'));
    const objects = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer });
    expect(objects).toHaveLength(20);
    expect(Object.keys(objects[0])).toEqual(['path', 'date', 'IBM', 'KO', 'MSFT']);
    const pq: Row[] = objects.map((o) => ({ path: Number(o.path), date: (o.date as Date).toISOString().slice(0, 10), prices: SYMBOLS.map((s) => o[s] as number) }));
    expect(pq).toEqual(csv);
  });

  it('bad usage: exit 2 with a one-line message, no file', async () => {
    const res = await generate('xlsx', join(dir, 'bad.xlsx'));
    expect(res.code).toBe(2);
    const res2 = await cli('generate', '--prices', join(dir, 'missing.csv'), '--out', join(dir, 'm.csv'), '--quiet');
    expect(res2.code).toBe(2);
    expect(res2.stderr).toMatch(/missing\.csv.*not found/);
  });
});
