import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Redis } from 'ioredis';

/**
 * Content-addressed input files in Redis, so that workers need no shared
 * filesystem: the coordinator stores each input under `tailforge:blob:<sha256>`
 * (only if absent: the same prices file for a thousand jobs is stored once),
 * the job names its inputs by hash, and a worker fetches each blob once into
 * its cache folder, checking the hash.
 */
export const BLOB_PREFIX = 'tailforge:blob:';
/** Blobs outlive the finished jobs that name them (kept a week, queue-policy.ts), then Redis drops them. */
export const BLOB_TTL_S = 8 * 24 * 3600;

/** An input file of a queued job: where the coordinator read it, and its content hash. */
export interface InputBlob {
  /** Absolute path on the coordinator (what the outputs and manifests show). */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export const blobKey = (sha256: string): string => `${BLOB_PREFIX}${sha256}`;
const sha256Of = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Reads `path`, stores it in Redis unless a blob of that hash is there already (then only its expiry is renewed). */
export async function uploadBlob(client: Redis, path: string): Promise<InputBlob> {
  const data = await readFile(path);
  const sha256 = sha256Of(data);
  const key = blobKey(sha256);
  const set = await client.set(key, data, 'EX', BLOB_TTL_S, 'NX');
  if (set === null) await client.expire(key, BLOB_TTL_S);
  return { path, sha256, bytes: data.length };
}

/**
 * The local copy of a blob: `<cacheDir>/<sha256>/<name>` (the original file
 * name, so a portfolio keeps its name), fetched from Redis unless already
 * cached. A fetched blob whose hash does not match is refused.
 */
export async function cachedBlob(client: Redis, blob: InputBlob, cacheDir: string): Promise<{ file: string; fetched: boolean }> {
  const dir = join(cacheDir, blob.sha256);
  const file = join(dir, basename(blob.path));
  const have = await stat(file).then((s) => s.size === blob.bytes, () => false);
  if (have) return { file, fetched: false };
  const data = await client.getBuffer(blobKey(blob.sha256));
  if (data === null) throw new Error(`input ${blob.path} (sha256 ${blob.sha256}) is no longer in Redis: run the batch again to upload it`);
  const got = sha256Of(data);
  if (got !== blob.sha256) throw new Error(`input ${blob.path}: the blob fetched from Redis has sha256 ${got}, expected ${blob.sha256}`);
  await mkdir(dir, { recursive: true });
  // Written aside and renamed: two jobs fetching the same blob never see half a file.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  await writeFile(tmp, data);
  await rename(tmp, file);
  return { file, fetched: true };
}
