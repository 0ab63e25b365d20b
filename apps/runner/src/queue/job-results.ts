import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { writeFileAtomic } from '@tailforge/core';
import { PAGE_PREFIX } from '@tailforge/report';
import { writeFolderAtomic } from '../output/out-folder.js';

/**
 * A finished job's output files travel back through Redis: the worker
 * stores them in one hash `tailforge:result:<queue job id>` (file name →
 * contents) and returns only the key; the coordinator checks them and writes
 * them into the job's output folder and deletes the hash. Workers never write
 * the coordinator's folders.
 *
 * Whoever holds the Redis password can write that hash, so the coordinator
 * trusts nothing in it that it does not check: only the fixed set of a
 * run's output names (no path, no other file), each within a size limit,
 * JSON that parses, a manifest that names this very job and whose output
 * hashes match the files, a report that begins with tailforge's own page
 * head (its Content-Security-Policy forbids scripts) and holds no script,
 * meta refresh, frame or embedded object. Anything else: the job fails, nothing is written.
 */
export const RESULT_PREFIX = 'tailforge:result:';
/** Results not collected within a week (the coordinator died for good) are dropped with the job. */
const RESULT_TTL_S = 7 * 24 * 3600;
/** Written last, so a manifest always describes complete outputs (see completed-run.ts). */
const LAST = 'manifest.json';
/** Exactly the files a run writes (stress/write-outputs.ts). */
export const RESULT_FILES: readonly string[] = ['summary.json', 'risk.csv', 'contributions.csv', 'stress.csv', 'report.html', LAST];
/** Largest output file accepted from a worker; a report of many positions and charts stays far below. */
export const MAX_RESULT_FILE_BYTES = 64 * 1024 * 1024;

export const resultKey = (queueJobId: string): string => `${RESULT_PREFIX}${queueJobId}`;

/** A result in Redis that the coordinator refuses: the job fails with this message (not retried: the data is there). */
export class ResultRefused extends Error {
  constructor(key: string, reason: string) {
    super(`the worker's outputs in Redis (${key}) are refused, nothing was written: ${reason}`);
    this.name = 'ResultRefused';
  }
}

/** Stores the run's output files of `dir` (RESULT_FILES; not its marker) under `key`, then removes `dir`. */
export async function storeResults(client: Redis, key: string, dir: string): Promise<number> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && RESULT_FILES.includes(e.name)).map((e) => e.name);
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

/** What the coordinator expects of a job's outputs. */
export interface ExpectedResult {
  readonly jobId: string;
  readonly jobKey: string;
}

/** A name as an error may show it: quoted, control characters escaped, at most 80 characters. */
const shownName = (n: string): string => JSON.stringify(n.length > 80 ? `${n.slice(0, 80)}…` : n);

/**
 * Checks the files stored under `key` (see above) and writes them into `dir`
 * (the manifest last), then deletes them from Redis.
 */
export async function collectResults(client: Redis, key: string, dir: string, expected: ExpectedResult): Promise<void> {
  const names = await client.hkeys(key);
  if (!names.includes(LAST)) throw new Error(`the job's outputs are no longer in Redis (${key}); run the batch again`);
  const odd = names.find((n) => !RESULT_FILES.includes(n));
  if (odd !== undefined) throw new ResultRefused(key, `it holds a file named ${shownName(odd)}, which is not one of a run's outputs (${RESULT_FILES.join(', ')})`);
  const missing = RESULT_FILES.filter((n) => !names.includes(n));
  if (missing.length > 0) throw new ResultRefused(key, `it lacks ${missing.join(', ')}`);
  for (const n of RESULT_FILES) {
    const bytes = await client.hstrlen(key, n);
    if (bytes > MAX_RESULT_FILE_BYTES) throw new ResultRefused(key, `${n} has ${bytes} bytes, more than the ${MAX_RESULT_FILE_BYTES} accepted`);
  }
  const files = new Map<string, Buffer>();
  for (const n of RESULT_FILES) {
    const b = await client.hgetBuffer(key, n);
    if (b === null) throw new Error(`the job's outputs are no longer in Redis (${key}); run the batch again`);
    files.set(n, b);
  }
  checkResult(key, files, expected);
  // Written whole, as a local run's folder: never a mix of this run's files and the last one's.
  await writeFolderAtomic(dir, async (d) => {
    for (const n of RESULT_FILES) if (n !== LAST) await writeFileAtomic(join(d, n), files.get(n) as Buffer);
    await writeFileAtomic(join(d, LAST), files.get(LAST) as Buffer);
  });
  await client.del(key);
}

function parseJson(key: string, name: string, b: Buffer): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(b.toString('utf8'));
  } catch {
    throw new ResultRefused(key, `${name} is not JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ResultRefused(key, `${name} is not a JSON object`);
  return v as Record<string, unknown>;
}

/** The checks of a result's contents (see the module comment). */
function checkResult(key: string, files: ReadonlyMap<string, Buffer>, expected: ExpectedResult): void {
  parseJson(key, 'summary.json', files.get('summary.json') as Buffer);
  const manifest = parseJson(key, LAST, files.get(LAST) as Buffer);
  const batch = manifest.batch as { jobId?: unknown; jobKey?: unknown } | undefined;
  if (batch?.jobId !== expected.jobId || batch?.jobKey !== expected.jobKey) {
    throw new ResultRefused(key, `its manifest names job ${shownName(String(batch?.jobId))} with key ${shownName(String(batch?.jobKey))}, not job ${expected.jobId} with key ${expected.jobKey}`);
  }
  const outputs = Array.isArray(manifest.outputs) ? (manifest.outputs as Array<{ path?: unknown; sha256?: unknown }>) : [];
  for (const n of RESULT_FILES.filter((x) => x !== LAST)) {
    const record = outputs.find((o) => typeof o?.path === 'string' && (o.path === n || o.path.endsWith(`/${n}`) || o.path.endsWith(`\\${n}`)));
    const sha = createHash('sha256').update(files.get(n) as Buffer).digest('hex');
    if (record === undefined || record.sha256 !== sha) throw new ResultRefused(key, `${n} does not match the sha256 its manifest records`);
  }
  const html = (files.get('report.html') as Buffer).toString('utf8');
  if (!html.startsWith(PAGE_PREFIX)) throw new ResultRefused(key, "report.html does not begin with tailforge's page head (its Content-Security-Policy)");
  const rest = html.slice(PAGE_PREFIX.length).toLowerCase();
  // The CSP above already stops scripts; these would only ever come from a forged page (names in a report are escaped).
  for (const bad of ['<script', 'http-equiv', '<iframe', '<object', '<embed', '<base ']) {
    if (rest.includes(bad)) throw new ResultRefused(key, `report.html contains "${bad}", which no tailforge report has`);
  }
}
