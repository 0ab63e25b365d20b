import { open } from 'node:fs/promises';
import { cellPreview, InputError, readCsvRecords } from '@tailforge/core';

/**
 * The symbol columns of a prices CSV, read from its header line only, so a
 * portfolio can be checked against them before the whole file is parsed.
 */
export async function peekSymbols(file: string): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'prices file not found' : `cannot read prices file (${code ?? String(err)})`, { file });
  }
  try {
    // A directory or a device (/dev/zero) is not a CSV file: refuse it before reading.
    const st = await handle.stat();
    if (!st.isFile()) throw new InputError(st.isDirectory() ? 'is a directory, not a CSV file' : 'is not a regular file', { file });
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    // The same reader as prices and portfolios: a quoted "A, Inc." is one symbol here as there.
    const cols = (readCsvRecords(text, file, { maxRecords: 1 })[0]?.fields ?? ['']).map((c) => c.trim());
    if (cols.length < 2 || cols[0].toLowerCase() !== 'date') {
      throw new InputError(`expected a header "date,<symbol>,<symbol>...", found ${cols.length < 2 ? 'one column' : 'a first column'} ${cellPreview(cols[0] ?? '')}`, { file, row: 1 });
    }
    return cols.slice(1);
  } finally {
    await handle.close();
  }
}
