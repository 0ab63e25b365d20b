import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { InputError, removeStaleTempFiles } from '@tailforge/core';
import { encodeHeader, type PathStoreHeader, type PathStoreLayout } from './format.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes a path store chunk by chunk (see format.ts). The file is written
 * under a temporary name and renamed into place by {@link PathStoreWriter.close}
 * once every path is in, so a reader never sees a half-written store.
 */
export class PathStoreWriter {
  private written = 0;
  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    readonly header: PathStoreHeader,
    private readonly layout: PathStoreLayout,
  ) {}

  static async create(path: string, header: Omit<PathStoreHeader, 'createdAt'> & { createdAt?: string }): Promise<PathStoreWriter> {
    const full: PathStoreHeader = { ...header, createdAt: header.createdAt ?? new Date().toISOString() };
    if (full.symbols.length !== full.nAssets) throw new RangeError(`header has ${full.symbols.length} symbols for ${full.nAssets} assets`);
    await mkdir(dirname(path), { recursive: true });
    // A killed run's half-written store would otherwise stay beside the file for good.
    await removeStaleTempFiles(path);
    const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    let fh: FileHandle;
    try {
      fh = await open(tmp, 'wx');
    } catch (err) {
      throw new InputError(`cannot create path store (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: path });
    }
    const { bytes, layout } = encodeHeader(full);
    await fh.write(bytes, 0, bytes.length, 0);
    return new PathStoreWriter(path, tmp, fh, full, layout);
  }

  /** Appends the next `values.length / (H·A)` paths, with their weights when the store is weighted. */
  async append(values: Float32Array, weights?: Float64Array): Promise<void> {
    const { horizon, nAssets, nPaths, weighted } = this.header;
    const per = horizon * nAssets;
    const n = values.length / per;
    if (!Number.isInteger(n) || n === 0) throw new RangeError(`chunk of ${values.length} values is not a whole number of paths of ${per} values`);
    if (this.written + n > nPaths) throw new RangeError(`store holds ${nPaths} paths; ${this.written + n} would be written`);
    if (weighted !== (weights !== undefined)) throw new RangeError(weighted ? 'this store is weighted: give the chunk\'s weights' : 'this store is not weighted');
    if (weights && weights.length !== n) throw new RangeError(`${weights.length} weights for ${n} paths`);
    await this.fh.write(le(values), 0, values.byteLength, this.layout.dataOffset + this.written * per * 4);
    if (weights) await this.fh.write(le(weights), 0, weights.byteLength, this.layout.weightsOffset + this.written * 8);
    this.written += n;
  }

  /** Flushes, checks every path was written and renames the file into place. */
  async close(): Promise<void> {
    try {
      if (this.written !== this.header.nPaths) throw new RangeError(`store expects ${this.header.nPaths} paths, ${this.written} were written`);
      await this.fh.sync();
      await this.fh.close();
      await rename(this.tmp, this.path);
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  /** Drops the temporary file (after a failure). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}

/** The bytes of a typed array in little-endian order (a view when the machine is little-endian). */
function le(a: Float32Array | Float64Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const copy = Uint8Array.from(bytes);
  const w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < copy.length; i += w) copy.subarray(i, i + w).reverse();
  return copy;
}
