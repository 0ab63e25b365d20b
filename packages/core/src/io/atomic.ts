import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** Errors a user causes by the path they chose; anything else (disk full, I/O error) is passed on as is. */
const USER_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTEMPTY']);

/** An InputError naming `file` for a path problem; the original error otherwise. */
export function fileError(e: unknown, file: string, doing: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !USER_CODES.has(code)) return e;
  return new InputError(`cannot ${doing} (${code}: ${(e as Error).message})`, { file }, { cause: e });
}

/** A name beside `path` no other writer uses: `.<name>.<kind>-<pid>-<random>`. */
export function siblingTempPath(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${kind}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Whether a process with this id runs (on this host); a process of another user counts as running. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files beside `path` (`.<name>.tmp-<pid>-<hex>` or
 * `.<name>.old-<pid>-<hex>`, as {@link siblingTempPath} names them) whose
 * process no longer runs: what a killed writer left. Regular files, and
 * folders only where `removeFolder(entries)` says so (a folder written in
 * place, then renamed). Returns the paths removed.
 */
export async function removeStaleTempFiles(path: string, removeFolder?: (entries: string[]) => boolean): Promise<string[]> {
  const dir = dirname(path);
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\.${name}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = re.exec(n);
    if (m === null || processAlive(Number(m[2]))) continue;
    const p = join(dir, n);
    try {
      const st = await lstat(p);
      if (st.isFile()) await unlink(p);
      else if (st.isDirectory() && removeFolder?.(await readdir(p)) === true) await rm(p, { recursive: true, force: true });
      else continue;
      removed.push(p);
    } catch {
      // Removed by another process first.
    }
  }
  return removed;
}

/**
 * Writes `data` to `path` so that readers see the old content or the new,
 * never a part: write a temp file in the same directory (same file system),
 * fsync it, then rename it over `path`. The temp file is removed on failure.
 * Creates the parent directory if missing.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw fileError(e, path, 'create its directory');
  }
  const tmp = siblingTempPath(path, 'tmp');
  let created = false;
  try {
    const fh = await open(tmp, 'wx', 0o666);
    created = true;
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    created = false;
  } catch (e) {
    if (created) await unlink(tmp).catch(() => undefined);
    throw fileError(e, path, 'write the file');
  }
  await syncDirectory(dir);
}

/** fsyncs a directory so a rename in it survives a crash; not possible on every platform, so best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Windows cannot open a directory; the rename itself is still atomic.
  }
}

/** sha256 (hex) of a file's bytes, streamed. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    throw fileError(e, path, 'read the file');
  }
  return h.digest('hex');
}
