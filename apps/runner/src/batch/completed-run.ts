import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sha256File } from '@tailforge/core';

export type Completion = { readonly done: true; readonly manifestPath: string } | { readonly done: false; readonly reason: string };

interface ManifestLike {
  batch?: { jobKey?: string };
  outputs?: Array<{ role: string; path: string; sha256: string; bytes: number }>;
}

/**
 * Whether `dir` holds the finished outputs of the job with key `key`: its
 * manifest.json (written last, after every other output) records that key,
 * and every output the manifest lists is there with the recorded size and
 * sha256. This is the whole resume state: a job killed half-way has no
 * such manifest, a job whose inputs or settings changed has another key.
 */
export async function completedRun(dir: string, key: string): Promise<Completion> {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: ManifestLike;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ManifestLike;
  } catch (e) {
    return { done: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not run yet' : 'unreadable manifest' };
  }
  if (manifest.batch?.jobKey !== key) return { done: false, reason: 'inputs or settings changed since the last run' };
  if (!Array.isArray(manifest.outputs) || manifest.outputs.length === 0) return { done: false, reason: 'manifest lists no outputs' };
  for (const o of manifest.outputs) {
    // Looked up beside the manifest, so a moved output folder still counts.
    const file = join(dir, basename(String(o.path)));
    try {
      const st = await stat(file);
      if (st.size !== o.bytes || (await sha256File(file)) !== o.sha256) return { done: false, reason: `${o.role} output changed since the run` };
    } catch {
      return { done: false, reason: `${o.role} output missing` };
    }
  }
  return { done: true, manifestPath };
}
