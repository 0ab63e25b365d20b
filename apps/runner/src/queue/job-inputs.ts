import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Redis } from 'ioredis';
import type { BatchJob } from '@tailforge/batch-config';
import type { JobRequest } from '../batch/worker-protocol.js';
import { cachedBlob, type InputBlob } from './blob-store.js';

/**
 * The files a job reads: portfolio, prices, scenario file, every file of
 * its saved model folder, and its model plugins' module files. These travel
 * through Redis (blob-store.ts), so a worker needs none of the coordinator's
 * paths.
 */
export async function inputFilesOf(job: BatchJob): Promise<string[]> {
  const run = job.run;
  const files = [run.portfolioFile, run.pricesFile];
  if (run.scenarioFile !== undefined) files.push(run.scenarioFile);
  if (run.modelDir !== undefined) {
    const entries = await readdir(run.modelDir, { withFileTypes: true });
    for (const e of entries) if (e.isFile()) files.push(join(run.modelDir, e.name));
  }
  for (const p of job.plugins ?? []) files.push(p.file);
  return files;
}

export interface LocalJob {
  /** The request with every input at its cached copy and the outputs going to `outDir`. */
  readonly request: JobRequest;
  /** A fresh local folder for the outputs (the coordinator writes them to the job's real folder). */
  readonly outDir: string;
  /** Blobs fetched from Redis for this job (the others were cached already). */
  readonly fetched: number;
  /** `text` (an error message) with the local copies' paths replaced by the coordinator's, as a local batch would say it. */
  shownText(text: string): string;
}

/**
 * A queued job as this worker runs it: its inputs fetched into `cacheDir`
 * (by hash, each once), a saved model's files gathered into one folder, the
 * outputs written to a temporary folder. The request keeps the coordinator's
 * paths in `shown`, so manifests and reports name the files as the
 * coordinator knows them, exactly as a local batch writes them.
 */
export async function localJob(request: JobRequest, client: Redis, cacheDir: string): Promise<LocalJob> {
  const inputs = request.inputs ?? [];
  const local = new Map<string, string>();
  let fetched = 0;
  for (const blob of inputs) {
    const c = await cachedBlob(client, blob, cacheDir);
    local.set(blob.path, c.file);
    if (c.fetched) fetched++;
  }
  const at = (path: string): string => {
    const f = local.get(path);
    if (f === undefined) throw new Error(`the job names ${path} but carries no blob of it`);
    return f;
  };
  const run = request.job.run;
  const modelDir = run.modelDir === undefined ? undefined : await modelFolder(run.modelDir, inputs, local, cacheDir);
  // A plugin module may import its own packages: the coordinator's path is kept where this machine has it.
  const plugins = await Promise.all(
    (request.job.plugins ?? []).map(async (p) => ({ ...p, file: await access(p.file).then(() => p.file, () => at(p.file)) })),
  );
  const localRun = {
    ...run,
    portfolioFile: at(run.portfolioFile),
    pricesFile: at(run.pricesFile),
    ...(run.scenarioFile !== undefined ? { scenarioFile: at(run.scenarioFile) } : {}),
    ...(modelDir !== undefined ? { modelDir } : {}),
  };
  await mkdir(join(cacheDir, 'out'), { recursive: true });
  const outDir = await mkdtemp(join(cacheDir, 'out', `${request.job.id.replace(/[^\w.-]/g, '_')}-`));
  return {
    request: {
      ...request,
      job: { ...request.job, run: localRun, ...(request.job.plugins !== undefined ? { plugins } : {}) },
      dir: outDir,
      shown: { run, dir: request.dir, pluginFiles: (request.job.plugins ?? []).map((p) => p.file) },
    },
    outDir,
    fetched,
    shownText(text) {
      let t = text;
      const pairs: Array<[string, string]> = [[outDir, request.dir], ...(modelDir !== undefined && run.modelDir !== undefined ? [[modelDir, run.modelDir] as [string, string]] : []), ...[...local].map(([orig, copy]) => [copy, orig] as [string, string])];
      // Longest first, so a file inside a folder is replaced before the folder.
      for (const [from, to] of pairs.sort((a, b) => b[0].length - a[0].length)) t = t.split(from).join(to);
      return t;
    },
  };
}

/** The saved model's cached files gathered in one folder named as the original, keyed by the files' hashes. */
async function modelFolder(dir: string, inputs: readonly InputBlob[], local: ReadonlyMap<string, string>, cacheDir: string): Promise<string> {
  const files = inputs.filter((b) => b.path.startsWith(dir + sep) && !b.path.slice(dir.length + 1).includes(sep));
  const id = createHash('sha256')
    .update(files.map((b) => `${basename(b.path)}:${b.sha256}`).sort().join('\n'))
    .digest('hex');
  const target = join(cacheDir, 'models', id, basename(dir));
  // Used only when every file still has its hash (checked on every use, as the blobs are).
  const intact = async (): Promise<boolean> => {
    for (const b of files) {
      const data = await readFile(join(target, basename(b.path))).catch(() => undefined);
      if (data === undefined || createHash('sha256').update(data).digest('hex') !== b.sha256) return false;
    }
    return true;
  };
  if (await intact()) return target;
  // Assembled aside and renamed into place, so a half-copied model folder is never used.
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  await mkdir(tmp, { recursive: true });
  for (const b of files) await copyFile(local.get(b.path) as string, join(tmp, basename(b.path)));
  await rm(target, { recursive: true, force: true });
  await rename(tmp, target).catch(async (e: NodeJS.ErrnoException) => {
    await rm(tmp, { recursive: true, force: true });
    if (!(await intact())) throw e;
  });
  return target;
}
