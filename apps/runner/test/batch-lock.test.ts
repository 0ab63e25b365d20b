import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireBatchLock, processStart } from '../src/batch/batch-lock.js';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

/** Issue 13 item 11: the batch lock names pid + process start + host, and every exit path releases it. */
const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
afterAll(() => {
  sleeper.kill('SIGKILL');
});

describe('.batch.lock', () => {
  it('holds pid, start time and host; is released after the batch', async () => {
    const out = await tempDir('tailforge-lock-');
    const release = await acquireBatchLock(out);
    const owner = JSON.parse(await readFile(join(out, '.batch.lock'), 'utf8'));
    expect(owner).toEqual({ pid: process.pid, start: processStart(process.pid), host: hostname() });
    expect(owner.start).toMatch(/^\d+$/); // Linux: /proc/self/stat field 22
    await release();
    expect(existsSync(join(out, '.batch.lock'))).toBe(false);
  });

  it('a live process that is not the owner (a reused pid) does not hold the lock; the owner does', async () => {
    const out = await tempDir('tailforge-lock-');
    const pid = sleeper.pid as number;
    const start = processStart(pid) as string;
    expect(start).toMatch(/^\d+$/);
    // The same pid, another start time: the batch that wrote it is gone, its pid reused.
    await writeFile(join(out, '.batch.lock'), JSON.stringify({ pid, start: String(Number(start) - 1), host: hostname() }));
    const release = await acquireBatchLock(out);
    await release();
    // The real owner (same pid and start) holds it.
    await writeFile(join(out, '.batch.lock'), JSON.stringify({ pid, start, host: hostname() }));
    await expect(acquireBatchLock(out)).rejects.toThrow(`another tailforge batch (pid ${pid}) is writing to this folder`);
    // Another host's lock cannot be checked from here: it holds, and the message says how to clear it.
    await writeFile(join(out, '.batch.lock'), JSON.stringify({ pid: 1, start: '5', host: 'elsewhere.example' }));
    await expect(acquireBatchLock(out)).rejects.toThrow(`pid 1 on host elsewhere.example`);
  });

  it('a batch that stops on a history it cannot open leaves no lock', async () => {
    const dir = await tempDir('tailforge-lock-');
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', 'history.sqlite'), 'this is not a SQLite database, just text of some length to be read as a header'.repeat(20));
    const config = await writeTemp(dir, 'c.yaml', `version: 1\nout: out\nprices: ${PRICES}\ndefaults: { paths: 200, horizon: 5 }\njobs:\n  - portfolio: ${join(ROOT, 'examples/portfolios/batch/dj-01-industrials.csv')}\n`);
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).not.toBe(0);
    expect(existsSync(join(dir, 'out', '.batch.lock'))).toBe(false);
  });
});
