import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@tailforge/core';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One batch at a time per output folder: `.batch.lock` holds the owner's
 * pid. A lock whose process is gone (a killed batch) is taken over, so an
 * interrupted batch can always be resumed. Returns the release function.
 */
export async function acquireBatchLock(out: string): Promise<() => Promise<void>> {
  const file = join(out, '.batch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return async () => {
        await unlink(file).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new InputError(`another tailforge batch (pid ${pid}) is writing to this folder; wait for it or stop it`, { file });
      }
      await unlink(file).catch(() => undefined);
    }
  }
  throw new InputError('cannot take the batch lock', { file });
}
