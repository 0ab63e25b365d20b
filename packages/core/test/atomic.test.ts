import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { removeStaleTempFiles, sha256File, writeFileAtomic } from '../src/io/atomic.js';
import { inputError } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tf-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replaces, and leaves no temp file', async () => {
    const f = join(dir, 'out.json');
    await writeFileAtomic(f, 'first');
    expect(await readFile(f, 'utf8')).toBe('first');
    await writeFileAtomic(f, Uint8Array.from([104, 105]));
    expect(await readFile(f, 'utf8')).toBe('hi');
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('creates missing parent directories', async () => {
    const f = join(dir, 'a', 'b', 'c.txt');
    await writeFileAtomic(f, 'deep');
    expect(await readFile(f, 'utf8')).toBe('deep');
  });

  it('a failed rename leaves the old target intact and removes the temp file', async () => {
    // renaming a file over a non-empty directory fails after the temp file was written
    const target = join(dir, 'report');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    const e = await inputError(() => writeFileAtomic(target, 'new'));
    expect(e.location.file).toBe(target);
    expect(e.reason).toMatch(/^cannot write the file \(EISDIR/);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['report']);
  });

  it('a parent that is a file is an InputError', async () => {
    await writeFile(join(dir, 'plain'), 'x');
    const e = await inputError(() => writeFileAtomic(join(dir, 'plain', 'f.txt'), 'y'));
    expect(e.location.file).toBe(join(dir, 'plain', 'f.txt'));
    expect(await readdir(dir)).toEqual(['plain']);
  });

  it('readers see the old or the new content, never a part', async () => {
    const f = join(dir, 'big.bin');
    const a = Buffer.alloc(1 << 20, 97);
    const b = Buffer.alloc(1 << 20, 98);
    await writeFileAtomic(f, a);
    let done = false;
    const reads: Promise<void>[] = [];
    const seen = new Set<string>();
    const reader = (async () => {
      while (!done) {
        const got = await readFile(f);
        seen.add(got.equals(a) ? 'a' : got.equals(b) ? 'b' : `torn (${got.length} bytes)`);
      }
    })();
    reads.push(reader);
    for (let i = 0; i < 20; i++) await writeFileAtomic(f, i % 2 === 0 ? b : a);
    done = true;
    await Promise.all(reads);
    expect([...seen].filter((s) => s !== 'a' && s !== 'b')).toEqual([]);
    expect(await readdir(dir)).toEqual(['big.bin']);
  });

  it('concurrent writers: the target is exactly one of the writes, no temp files remain', async () => {
    const f = join(dir, 'race.txt');
    const payloads = Array.from({ length: 12 }, (_, i) => `writer ${i} `.repeat(5000));
    await Promise.all(payloads.map((p) => writeFileAtomic(f, p)));
    expect(payloads).toContain(await readFile(f, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.txt']);
  });
});

describe('sha256File', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    const f = join(dir, 'abc');
    await writeFile(f, 'abc');
    expect(await sha256File(f)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    await writeFile(f, '');
    expect(await sha256File(f)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // one million 'a' (read in many stream chunks)
    await writeFile(f, Buffer.alloc(1_000_000, 97));
    expect(await sha256File(f)).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('a missing file is an InputError naming it', async () => {
    const f = join(dir, 'nope');
    const e = await inputError(() => sha256File(f));
    expect(e.location.file).toBe(f);
  });
});

describe('removeStaleTempFiles', () => {
  // A pid far above any real one (Linux caps pids at 2^22): its process cannot be running.
  const dead = 2 ** 30;
  it("removes a dead writer's temp files, keeps a live one's and other names, and folders only where asked", async () => {
    const target = join(dir, 'risk.csv');
    const stale = join(dir, `.risk.csv.tmp-${dead}-ab12`);
    const live = join(dir, `.risk.csv.tmp-${process.pid}-cd34`);
    const staleDir = join(dir, `.risk.csv.old-${dead}-ef56`);
    await writeFile(stale, 'x');
    await writeFile(live, 'x');
    await writeFile(join(dir, '.other.csv.tmp-1-ab'), 'x');
    await mkdir(staleDir);
    await writeFile(join(staleDir, 'keep'), 'x');
    expect(await removeStaleTempFiles(target)).toEqual([stale]);
    expect(await removeStaleTempFiles(target, (entries) => entries.includes('marker'))).toEqual([]);
    await writeFile(join(staleDir, 'marker'), 'x');
    expect(await removeStaleTempFiles(target, (entries) => entries.includes('marker'))).toEqual([staleDir]);
    expect((await readdir(dir)).sort()).toEqual([`.other.csv.tmp-1-ab`, `.risk.csv.tmp-${process.pid}-cd34`].sort());
  });
});
