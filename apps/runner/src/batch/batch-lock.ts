import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@tailforge/core';

/** Who holds a batch lock: enough to tell the holder from a later process that got the same pid. */
export interface LockOwner {
  readonly pid: number;
  /** The process's start time as the kernel counts it (Linux: field 22 of /proc/PID/stat); null where unknown. */
  readonly start: string | null;
  readonly host: string;
}

/** The start time of process `pid` (clock ticks since boot, from /proc), or null without /proc or such a process. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner, from its JSON (or the bare pid an earlier tailforge wrote); undefined when unreadable. */
export function parseLock(text: string): LockOwner | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t), start: null, host: hostname() };
  try {
    const o = JSON.parse(t) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && Number.isSafeInteger(o.pid) && o.pid > 0 && typeof o.host === 'string') {
      return { pid: o.pid, start: typeof o.start === 'string' ? o.start : null, host: o.host };
    }
  } catch {
    // not a lock tailforge wrote: stale
  }
  return undefined;
}

/**
 * Whether the lock's owner still runs: on this host, its pid is alive and
 * (where /proc tells) started when the lock says, so a pid reused by another
 * process does not hold the lock. On another host (a shared folder) it
 * cannot be checked and counts as alive.
 */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid || !pidAlive(owner.pid)) return false;
  if (owner.start === null) return true;
  const now = processStart(owner.pid);
  return now === null || now === owner.start;
}

/**
 * One batch at a time per output folder: `.batch.lock` holds the owner's
 * pid, process start time and host (JSON). A lock whose process is gone (a
 * killed batch), or whose pid now belongs to another process, is taken
 * over, so an interrupted batch can always be resumed. The lock is released
 * by the returned function, and also when the process exits or is stopped
 * by SIGINT / SIGTERM before that.
 */
export async function acquireBatchLock(out: string): Promise<() => Promise<void>> {
  const file = join(out, '.batch.lock');
  const me: LockOwner = { pid: process.pid, start: processStart(process.pid), host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(`${JSON.stringify(me)}\n`);
      await fh.close();
      return holdLock(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = parseLock(await readFile(file, 'utf8').catch(() => ''));
      if (owner !== undefined && ownerAlive(owner)) {
        const where = owner.host === me.host ? `pid ${owner.pid}` : `pid ${owner.pid} on host ${owner.host}`;
        throw new InputError(`another tailforge batch (${where}) is writing to this folder; wait for it or stop it${owner.host === me.host ? '' : ` (if it is gone, delete ${file})`}`, { file });
      }
      await unlink(file).catch(() => undefined);
    }
  }
  throw new InputError('cannot take the batch lock', { file });
}

/** The release function of a lock just taken, with the exit and signal paths that release it too. */
function holdLock(file: string): () => Promise<void> {
  let held = true;
  const releaseSync = (): void => {
    if (!held) return;
    held = false;
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    releaseSync();
    detach();
    // The default action of the signal, now that the lock is released.
    process.kill(process.pid, signal);
  };
  const detach = (): void => {
    process.off('exit', releaseSync);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', releaseSync);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    detach();
    if (!held) return;
    held = false;
    await unlink(file).catch(() => undefined);
  };
}
