import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '@tailforge/core';
import { layoutOf, PATH_STORE_MAGIC, PATH_STORE_VERSION, type PathStoreHeader, type PathStoreLayout } from './format.js';
import type { PathSet } from '../path-set.js';

export interface StoredChunk {
  readonly firstPath: number;
  readonly nPaths: number;
  readonly values: Float32Array;
  readonly weights?: Float64Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** An open path store: its header, and its paths chunk by chunk. */
export class PathStoreReader {
  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    readonly header: PathStoreHeader,
    private readonly layout: PathStoreLayout,
  ) {}

  static async open(path: string): Promise<PathStoreReader> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? 'path store not found' : `cannot read path store (${code ?? String(err)})`, { file: path });
    }
    try {
      const head = Buffer.alloc(16);
      const { bytesRead } = await fh.read(head, 0, 16, 0);
      if (bytesRead < 16 || head.toString('ascii', 0, 8) !== PATH_STORE_MAGIC) throw new InputError('not a tailforge path store (bad magic)', { file: path });
      const version = head.readUInt32LE(8);
      if (version !== PATH_STORE_VERSION) throw new InputError(`path store format version ${version} is not supported (this tailforge reads ${PATH_STORE_VERSION})`, { file: path });
      const len = head.readUInt32LE(12);
      const json = Buffer.alloc(len);
      await fh.read(json, 0, len, 16);
      let header: PathStoreHeader;
      try {
        header = JSON.parse(json.toString('utf8')) as PathStoreHeader;
      } catch {
        throw new InputError('path store header is not valid JSON', { file: path });
      }
      for (const k of ['nPaths', 'horizon', 'nAssets'] as const) {
        if (!Number.isSafeInteger(header[k]) || header[k] < 1) throw new InputError(`path store header: ${k} must be a positive integer`, { file: path });
      }
      if (!Array.isArray(header.symbols) || header.symbols.length !== header.nAssets) throw new InputError('path store header: symbols do not match nAssets', { file: path });
      const layout = layoutOf(header, len);
      const { size } = await fh.stat();
      if (size !== layout.fileSize) throw new InputError(`path store is ${size} bytes, its header implies ${layout.fileSize} (truncated or corrupt)`, { file: path });
      return new PathStoreReader(path, fh, header, layout);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** Reads paths [first, first + n). */
  async read(first: number, n: number): Promise<StoredChunk> {
    const { horizon, nAssets, nPaths, weighted } = this.header;
    if (first < 0 || n < 1 || first + n > nPaths) throw new RangeError(`paths [${first}, ${first + n}) outside the store's ${nPaths}`);
    const per = horizon * nAssets;
    const values = new Float32Array(n * per);
    await readInto(this.fh, values, this.layout.dataOffset + first * per * 4);
    let weights: Float64Array | undefined;
    if (weighted) {
      weights = new Float64Array(n);
      await readInto(this.fh, weights, this.layout.weightsOffset + first * 8);
    }
    return { firstPath: first, nPaths: n, values, ...(weights ? { weights } : {}) };
  }

  /** Every path, `chunkPaths` at a time. */
  async *chunks(chunkPaths = 10_000): AsyncGenerator<StoredChunk> {
    for (let first = 0; first < this.header.nPaths; first += chunkPaths) {
      yield await this.read(first, Math.min(chunkPaths, this.header.nPaths - first));
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** Reads a whole store into a PathSet (for stores that fit in memory). */
export async function readPathStore(path: string): Promise<PathSet> {
  const r = await PathStoreReader.open(path);
  try {
    const h = r.header;
    const all = await r.read(0, h.nPaths);
    return {
      values: all.values,
      nPaths: h.nPaths,
      horizon: h.horizon,
      nAssets: h.nAssets,
      symbols: [...h.symbols],
      modelId: h.modelId,
      modelName: h.modelName,
      seed: h.seed,
      ...(all.weights ? { weights: all.weights } : {}),
      ...(h.state !== undefined ? { state: h.state } : {}),
    };
  } finally {
    await r.close();
  }
}

async function readInto(fh: FileHandle, a: Float32Array | Float64Array, position: number): Promise<void> {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let off = 0;
  while (off < bytes.length) {
    const { bytesRead } = await fh.read(bytes, off, bytes.length - off, position + off);
    if (bytesRead === 0) throw new InputError('path store ended early', {});
    off += bytesRead;
  }
  if (!LITTLE_ENDIAN) {
    const w = a.BYTES_PER_ELEMENT;
    for (let i = 0; i < bytes.length; i += w) bytes.subarray(i, i + w).reverse();
  }
}
