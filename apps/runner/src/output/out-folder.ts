import { randomBytes } from 'node:crypto';
import { constants, realpathSync } from 'node:fs';
import { access, lstat, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError, removeStaleTempFiles, syncDirectory } from '@tailforge/core';

/**
 * Output folders: checked before any work, written whole.
 *
 * A folder tailforge writes holds a marker file, {@link OUT_MARKER}; a
 * non-empty folder without it belongs to someone else and is refused unless
 * forced, so a site's index.html or a folder of inputs is never overwritten.
 * A run's files are written into a fresh temporary folder beside the target
 * (`.<name>.tmp-<pid>-<random>`, same file system) and swapped in by renames,
 * so the target never mixes the files of two runs; temporary folders left by
 * a killed process are removed when the next run starts.
 */
export const OUT_MARKER = '.tailforge-out';

/** Parts of the file system that are not storage: writing there spins or fails oddly (`--out /proc/x`). */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

export interface OutFolderCheck {
  /** How messages name the folder: `--out`, `out:` of a batch config. */
  readonly what: string;
  /** Input files of the run: none may lie inside the folder a run replaces. */
  readonly inputs?: ReadonlyArray<string | undefined>;
  /** Write into a non-empty folder without the marker. */
  readonly force?: boolean;
  /**
   * The file names a run writes into the folder. In a folder forced open
   * (foreign, `force`) the run writes only these, so only an input at one
   * of them is refused; a folder tailforge made (or will make) is replaced
   * whole, so any input inside it is refused.
   */
  readonly outputNames?: readonly string[];
}

/** Whether `dir` exists, is not empty and lacks the marker: a folder tailforge did not make. */
export async function isForeignFolder(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.length > 0 && !entries.includes(OUT_MARKER);
  } catch {
    return false;
  }
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realish(p: string): string {
  let head = resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail);
    } catch {
      const up = dirname(head);
      if (up === head) return resolve(p);
      tail.unshift(basename(head));
      head = up;
    }
  }
}

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * Checks an output folder before a run does any work: it is not a file, not
 * on a virtual file system, writable (or creatable) by this user, empty or
 * made by tailforge (or `force`), and holds none of the run's inputs.
 * InputError (exit 2) with one line otherwise.
 */
export async function checkOutFolder(dir: string, o: OutFolderCheck): Promise<string> {
  const abs = resolve(dir);
  const real = realish(abs);
  if (process.platform !== 'win32' && VIRTUAL_ROOTS.some((r) => inside(real, r))) {
    throw new InputError(`${o.what} ${abs} is on a system file system (${VIRTUAL_ROOTS.join(', ')}), not storage: choose a folder on disk`);
  }
  const wholeFolder = !(await isForeignFolder(abs));
  const outputs = new Set((o.outputNames ?? []).map((n) => join(real, n)));
  for (const input of o.inputs ?? []) {
    if (input === undefined) continue;
    const file = realish(input);
    if (wholeFolder ? inside(file, real) : outputs.has(file)) {
      throw new InputError(
        wholeFolder
          ? `the input ${resolve(input)} lies inside the output folder ${abs}, which a run replaces whole: move the input or choose another ${o.what}`
          : `the input ${resolve(input)} would be overwritten by an output of the same name in ${abs}: move the input or choose another ${o.what}`,
      );
    }
  }
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
  }
  if (st !== undefined) {
    if (!st.isDirectory()) throw new InputError(`${o.what} ${abs} is a file, not a folder: choose a folder (new or made by tailforge)`);
    const entries = await readdir(abs);
    if (entries.length > 0 && !entries.includes(OUT_MARKER) && o.force !== true) {
      throw new InputError(
        `${o.what} ${abs} is not empty and was not made by tailforge (no ${OUT_MARKER} in it; ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, e.g. ${entries.slice(0, 3).join(', ')}): ` +
          'choose a new or empty folder, or pass --force to write into it',
      );
    }
    await writable(abs, o.what);
    return abs;
  }
  // The folder will be created: its nearest existing ancestor must be a folder this user can write.
  let up = dirname(abs);
  for (;;) {
    let ust;
    try {
      ust = await stat(up);
    } catch {
      const next = dirname(up);
      if (next === up) break;
      up = next;
      continue;
    }
    if (!ust.isDirectory()) throw new InputError(`${o.what} ${abs} lies under ${up}, which is a file, not a folder`);
    await writable(up, o.what, abs);
    break;
  }
  return abs;
}

async function writable(dir: string, what: string, target = dir): Promise<void> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new InputError(`${what} ${target} cannot be written: ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Creates `dir` and its missing parents one level at a time (Node's recursive mkdir can spin on /proc). */
export async function makeFolder(dir: string, what = 'output folder'): Promise<void> {
  const abs = resolve(dir);
  const missing: string[] = [];
  for (let p = abs; ; ) {
    try {
      const st = await stat(p);
      if (!st.isDirectory()) throw new InputError(`cannot create the ${what} ${abs}: ${p} is a file`);
      break;
    } catch (e) {
      if (e instanceof InputError) throw e;
      missing.unshift(p);
      const up = dirname(p);
      if (up === p) break;
      p = up;
    }
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new InputError(`cannot create the ${what} ${abs} (${code ?? String(e)} at ${p})`, {}, { cause: e });
    }
  }
}

/**
 * Removes temporary siblings of `target` (files or folders named
 * `.<name>.tmp-<pid>-<hex>` / `.<name>.old-<pid>-<hex>`) whose process is no
 * longer running: what a killed run left behind. Folders are removed only
 * when they hold the marker or nothing. Returns the paths removed.
 */
export const cleanStaleTemps = (target: string): Promise<string[]> =>
  removeStaleTempFiles(resolve(target), (entries) => entries.length === 0 || entries.includes(OUT_MARKER));

const tempSibling = (target: string, kind: 'tmp' | 'old'): string =>
  join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(6).toString('hex')}`);

/**
 * A folder written whole: `write` fills a fresh temporary folder beside
 * `target` (with the marker), which then replaces `target` by renames: the
 * old folder is moved aside, the new one moved in, the old one removed. A
 * reader sees the old folder or the new one, never a mix (between the two
 * renames, briefly, no folder). The temporary folder is removed on failure;
 * stale ones of killed runs are removed first.
 */
export async function writeFolderAtomic<T>(target: string, write: (dir: string) => Promise<T>): Promise<T> {
  const abs = resolve(target);
  await makeFolder(dirname(abs));
  await cleanStaleTemps(abs);
  const tmp = tempSibling(abs, 'tmp');
  try {
    await mkdir(tmp);
  } catch (e) {
    throw new InputError(`cannot create a folder beside ${abs} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {}, { cause: e });
  }
  let old: string | undefined;
  try {
    await writeFile(join(tmp, OUT_MARKER), 'written by tailforge: a folder of run outputs, replaced whole by the next run\n');
    const result = await write(tmp);
    await syncDirectory(tmp);
    let exists = false;
    try {
      exists = (await lstat(abs)).isDirectory();
    } catch {
      exists = false;
    }
    if (exists) {
      old = tempSibling(abs, 'old');
      await rename(abs, old);
    }
    await rename(tmp, abs);
    await syncDirectory(dirname(abs));
    if (old !== undefined) await rm(old, { recursive: true, force: true });
    return result;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    // Put the old folder back if the new one did not get in.
    if (old !== undefined) await rename(old, abs).catch(() => undefined);
    throw e;
  }
}
