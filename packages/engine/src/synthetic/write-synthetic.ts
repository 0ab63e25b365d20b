import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, writeFileAtomic } from '@tailforge/core';
import type { SyntheticChunk } from './synthetic-prices.js';
import { parquetWriteBuffer } from 'hyparquet-writer';

export type SyntheticFormat = 'csv' | 'parquet' | 'npy';
export const SYNTHETIC_FORMATS: readonly SyntheticFormat[] = ['csv', 'parquet', 'npy'];

/**
 * Writes synthetic price paths as one long table: a row per path and day,
 * columns `path` (0-based path id), `date` (YYYY-MM-DD), then one price
 * column per symbol. Written to a temporary name and renamed into place, so
 * a failed run leaves no partial file.
 *
 * - csv: a header line, then plain decimal prices (shortest round-trip form).
 * - parquet: columns path INT32, date INT32 (DATE logical type), symbols DOUBLE; snappy.
 * - npy: NumPy format 1.0 (2.0 when the header needs it), a 1-D structured
 *   array of records `('path', '<u4'), ('date', '<M8[D]'), (symbol, '<f8')…`, little-endian, packed.
 *
 * @returns the rows written and the symbols
 */
export async function writeSynthetic(file: string, format: SyntheticFormat, chunks: AsyncIterable<SyntheticChunk>): Promise<{ rows: number; symbols: readonly string[] }> {
  if (format === 'parquet') return writeParquet(file, chunks);
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fh = await open(tmp, 'wx', 0o666);
  let rows = 0;
  let symbols: readonly string[] = [];
  try {
    if (format === 'csv') {
      let first = true;
      for await (const c of chunks) {
        if (first) await fh.write(`${['path', 'date', ...c.symbols].map(csvName).join(',')}\n`);
        first = false;
        symbols = c.symbols;
        await fh.write(csvRows(c));
        rows += c.nPaths * c.dates.length;
      }
    } else {
      // The header holds the row count, known at the end: reserve it, write the records, then fill it in.
      let header: Buffer | undefined;
      let at = 0;
      for await (const c of chunks) {
        if (header === undefined) {
          symbols = c.symbols;
          header = npyHeader(c.symbols, 0, true);
          await fh.write(header, 0, header.length, 0);
          at = header.length;
        }
        const recs = npyRecords(c);
        await fh.write(recs, 0, recs.length, at);
        at += recs.length;
        rows += c.nPaths * c.dates.length;
      }
      if (header === undefined) throw new InputError('no paths to write');
      const final = npyHeader(symbols, rows, true, header.length);
      await fh.write(final, 0, final.length, 0);
    }
    await fh.sync();
    await fh.close();
    await rename(tmp, file);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  return { rows, symbols };
}

const csvName = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function csvRows(c: SyntheticChunk): string {
  const A = c.symbols.length;
  const H = c.dates.length;
  const lines: string[] = [];
  for (let p = 0; p < c.nPaths; p++) {
    for (let t = 0; t < H; t++) {
      const o = (p * H + t) * A;
      let line = `${c.firstPath + p},${c.dates[t]}`;
      for (let a = 0; a < A; a++) line += `,${c.prices[o + a]}`;
      lines.push(line);
    }
  }
  return `${lines.join('\n')}\n`;
}

const DAY_MS = 86_400_000;
const epochDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/**
 * The .npy header: magic, version, header length, then the Python dict
 * literal, padded with spaces so the data starts at a multiple of 64 bytes.
 * With `fixedLength`, padded to exactly that length (the rewrite at the end).
 */
function npyHeader(symbols: readonly string[], rows: number, structured: boolean, fixedLength?: number): Buffer {
  const pyStr = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const descr = structured ? `[('path', '<u4'), ('date', '<M8[D]'), ${symbols.map((s) => `(${pyStr(s)}, '<f8')`).join(', ')}]` : "'<f8'";
  // The row count is padded to 20 digits' room so the header length does not change when it is filled in.
  const dict = `{'descr': ${descr}, 'fortran_order': False, 'shape': (${rows},), }`;
  const v2 = dict.length + 64 > 65535;
  const prefix = v2 ? 12 : 10;
  const room = dict.length + 21; // room for the count to grow, plus '\n'
  const total = fixedLength ?? Math.ceil((prefix + room) / 64) * 64;
  const text = dict.padEnd(total - prefix - 1, ' ') + '\n';
  const buf = Buffer.alloc(total);
  buf.write('\x93NUMPY', 0, 'latin1');
  buf[6] = v2 ? 2 : 1;
  buf[7] = 0;
  if (v2) buf.writeUInt32LE(text.length, 8);
  else buf.writeUInt16LE(text.length, 8);
  buf.write(text, prefix, 'latin1');
  return buf;
}

function npyRecords(c: SyntheticChunk): Buffer {
  const A = c.symbols.length;
  const H = c.dates.length;
  const size = 4 + 8 + 8 * A;
  const buf = Buffer.alloc(c.nPaths * H * size);
  const days = c.dates.map(epochDay);
  let off = 0;
  for (let p = 0; p < c.nPaths; p++) {
    for (let t = 0; t < H; t++) {
      buf.writeUInt32LE(c.firstPath + p, off);
      buf.writeBigInt64LE(BigInt(days[t]), off + 4);
      const o = (p * H + t) * A;
      for (let a = 0; a < A; a++) buf.writeDoubleLE(c.prices[o + a], off + 12 + 8 * a);
      off += size;
    }
  }
  return buf;
}

async function writeParquet(file: string, chunks: AsyncIterable<SyntheticChunk>): Promise<{ rows: number; symbols: readonly string[] }> {
  const path: number[] = [];
  const date: Date[] = [];
  let cols: number[][] = [];
  let symbols: readonly string[] = [];
  for await (const c of chunks) {
    const A = c.symbols.length;
    const H = c.dates.length;
    if (symbols.length === 0) {
      symbols = c.symbols;
      cols = c.symbols.map(() => []);
    }
    const dates = c.dates.map((d) => new Date(`${d}T00:00:00Z`));
    for (let p = 0; p < c.nPaths; p++) {
      for (let t = 0; t < H; t++) {
        path.push(c.firstPath + p);
        date.push(dates[t]);
        const o = (p * H + t) * A;
        for (let a = 0; a < A; a++) cols[a].push(c.prices[o + a]);
      }
    }
  }
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'path', data: path, nullable: false },
      { name: 'date', data: date, nullable: false },
      ...symbols.map((s, a) => ({ name: s, data: cols[a], nullable: false })),
    ],
    schema: [
      { name: 'root', num_children: 2 + symbols.length },
      { name: 'path', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'date', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
      ...symbols.map((s) => ({ name: s, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const })),
    ],
    createdBy: 'tailforge generate',
  });
  await writeFileAtomic(file, new Uint8Array(buffer));
  return { rows: path.length, symbols };
}
