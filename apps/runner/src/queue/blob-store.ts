import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Redis } from 'ioredis';

/**
 * Content-addressed input files in Redis, so that workers need no shared
 * filesystem: the coordinator stores each input under `tailforge:blob:<sha256>`
 * (only if absent: the same prices file for a thousand jobs is stored once),
 * the job names its inputs by hash, and a worker fetches each blob once into
 * its cache folder, checking the hash there and on every later use.
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

/**
 * Reads `path`, stores it in Redis unless a blob of that hash is there already
 * (then only its expiry is renewed). With `overwrite` the blob is stored
 * whatever Redis holds under its key: a copy altered in Redis (a worker found
 * its hash wrong) is replaced, not kept alive.
 */
export async function uploadBlob(client: Redis, path: string, overwrite = false): Promise<InputBlob> {
  const data = await readFile(path);
  const sha256 = sha256Of(data);
  const key = blobKey(sha256);
  if (overwrite) {
    await client.set(key, data, 'EX', BLOB_TTL_S);
  } else {
    const set = await client.set(key, data, 'EX', BLOB_TTL_S, 'NX');
    if (set === null) await client.expire(key, BLOB_TTL_S);
  }
  return { path, sha256, bytes: data.length };
}

/**
 * What a worker's error says when a blob fetched from Redis does not match
 * its hash: the coordinator looks for it to upload the inputs again (the job
 * cannot succeed on that copy, so it is not retried as is).
 */
export const BLOB_MISMATCH = 'the blob fetched from Redis has sha256';
export const isBlobMismatch = (reason: string | undefined): boolean => reason?.includes(BLOB_MISMATCH) === true;

/**
 * The local copy of a blob: `<cacheDir>/<sha256>/<name>` (the original file
 * name, so a portfolio keeps its name). A cached copy is used only when its
 * content still hashes to the blob's sha256 (checked on every use: a copy
 * edited in the cache, even to the same size, is fetched again); otherwise
 * it is fetched from Redis, and a fetched blob whose hash does not match is
 * refused.
 */
export async function cachedBlob(client: Redis, blob: InputBlob, cacheDir: string): Promise<{ file: string; fetched: boolean }> {
  const dir = join(cacheDir, blob.sha256);
  const file = join(dir, basename(blob.path));
  const cached = await readFile(file).catch(() => undefined);
  if (cached !== undefined && sha256Of(cached) === blob.sha256) return { file, fetched: false };
  const data = await client.getBuffer(blobKey(blob.sha256));
  if (data === null) throw new Error(`input ${blob.path} (sha256 ${blob.sha256}) is no longer in Redis: run the batch again to upload it`);
  const got = sha256Of(data);
  if (got !== blob.sha256) throw new Error(`input ${blob.path}: ${BLOB_MISMATCH} ${got}, expected ${blob.sha256}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Written aside and renamed: two jobs fetching the same blob never see half a file.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, file);
  return { file, fetched: true };
}
