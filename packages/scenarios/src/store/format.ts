/**
 * The path store: a binary file of scenario paths, written and read in
 * chunks so that paths never need to sit in memory all at once.
 *
 * Layout (all numbers little-endian):
 *
 * | offset | size | content |
 * | --- | --- | --- |
 * | 0 | 8 | magic `TFPATHS1` (ASCII) |
 * | 8 | 4 | uint32 format version (1) |
 * | 12 | 4 | uint32 byte length L of the JSON header |
 * | 16 | L | UTF-8 JSON {@link PathStoreHeader} |
 * | 16 + L | pad | zero bytes up to a multiple of 8 → `dataOffset` |
 * | dataOffset | N·H·A·4 | float32 log returns, path-major: `[(p·H + t)·A + a]` |
 * | weightsOffset = dataOffset + N·H·A·4 | N·8 | float64 per-path weights, only when `weighted` |
 *
 * A reader checks the magic, version, header fields and the file size
 * (`weightsOffset + (weighted ? 8N : 0)`), so a truncated file is refused.
 */
export const PATH_STORE_MAGIC = 'TFPATHS1';
export const PATH_STORE_VERSION = 1;

export interface PathStoreHeader {
  readonly nPaths: number;
  readonly horizon: number;
  readonly nAssets: number;
  readonly symbols: readonly string[];
  readonly modelId: string;
  readonly modelName: string;
  readonly seed: number;
  /** True when per-path weights follow the data (tail-focused sampling). */
  readonly weighted: boolean;
  /** Label of the conditioning state, if any. */
  readonly state?: string;
  readonly createdAt: string;
}

export interface PathStoreLayout {
  readonly dataOffset: number;
  readonly weightsOffset: number;
  readonly fileSize: number;
}

export function layoutOf(header: PathStoreHeader, headerBytes: number): PathStoreLayout {
  const dataOffset = Math.ceil((16 + headerBytes) / 8) * 8;
  const weightsOffset = dataOffset + header.nPaths * header.horizon * header.nAssets * 4;
  return { dataOffset, weightsOffset, fileSize: weightsOffset + (header.weighted ? header.nPaths * 8 : 0) };
}

/** The first 16 + L bytes (plus padding) of a store file for a header. */
export function encodeHeader(header: PathStoreHeader): { bytes: Buffer; layout: PathStoreLayout } {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const layout = layoutOf(header, json.length);
  const bytes = Buffer.alloc(layout.dataOffset);
  bytes.write(PATH_STORE_MAGIC, 0, 'ascii');
  bytes.writeUInt32LE(PATH_STORE_VERSION, 8);
  bytes.writeUInt32LE(json.length, 12);
  json.copy(bytes, 16);
  return { bytes, layout };
}
