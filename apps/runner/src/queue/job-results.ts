import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { writeFileAtomic } from '@tailforge/core';

/**
 * A finished job's output files travel back through Redis: the worker
 * stores them in one hash `tailforge:result:<queue job id>` (file name →
 * contents) and returns only the key; the coordinator writes them into the
 * job's output folder and deletes the hash. Workers never write the
 * coordinator's folders.
 */
export const RESULT_PREFIX = 'tailforge:result:';
/** Results not collected within a week (the coordinator died for good) are dropped with the job. */
const RESULT_TTL_S = 7 * 24 * 3600;
/** Written last, so a manifest always describes complete outputs (see completed-run.ts). */
const LAST = 'manifest.json';

export const resultKey = (queueJobId: string): string => `${RESULT_PREFIX}${queueJobId}`;

/** Stores every file of `dir` under `key`, then removes `dir`. */
export async function storeResults(client: Redis, key: string, dir: string): Promise<number> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const fields: Record<string, Buffer> = {};
  let bytes = 0;
  for (const n of names) {
    fields[n] = await readFile(join(dir, n));
    bytes += fields[n].length;
  }
  await client.multi().del(key).hset(key, fields).expire(key, RESULT_TTL_S).exec();
  await rm(dir, { recursive: true, force: true });
  return bytes;
}

/** Writes the files stored under `key` into `dir` (the manifest last), then deletes them from Redis. */
export async function collectResults(client: Redis, key: string, dir: string): Promise<void> {
  const files = await client.hgetallBuffer(key);
  const names = Object.keys(files);
  if (!names.includes(LAST)) throw new Error(`the job's outputs are no longer in Redis (${key}); run the batch again`);
  await mkdir(dir, { recursive: true });
  for (const n of names.filter((x) => x !== LAST)) await writeFileAtomic(join(dir, n), files[n]);
  await writeFileAtomic(join(dir, LAST), files[LAST]);
  await client.del(key);
}
