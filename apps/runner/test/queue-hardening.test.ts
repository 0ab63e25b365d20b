import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { blobKey, cachedBlob, uploadBlob } from '../src/queue/blob-store.js';
import { resultKey } from '../src/queue/job-results.js';
import { defaultCacheDir, privateCacheDir } from '../src/queue/queue-worker.js';
import { PAGE_PREFIX } from '@tailforge/report';
import type { QueueJobData } from '../src/queue/queue-job.js';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';
import { HAVE_REDIS, logLines, startRedis, startWorker, stopAll, tailforge } from './queue-helpers.js';

/**
 * Issue 13, items 1-5: whoever holds the Redis password gets no more than a
 * worker gets. Against a real redis-server (as queue-batch.test.ts), with a
 * forging "worker" made of BullMQ's own Worker class in this process.
 */
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const suite = HAVE_REDIS || IN_CI ? describe : describe.skip;
const BATCH = join(ROOT, 'examples/portfolios/batch');
const PASSWORD = 'hardening-pw-7';
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const exists = (f: string): Promise<boolean> => access(f).then(() => true, () => false);

suite('distributed batch hardening (redis-server)', () => {
  let dir: string;
  let url: string;
  let port: number;

  beforeAll(async () => {
    dir = await tempDir('tailforge-harden-');
    const redis = await startRedis(dir, ['--requirepass', PASSWORD]);
    port = redis.port;
    url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await stopAll();
  });

  const writeConfig = (name: string, out: string, names: readonly string[]): Promise<string> =>
    writeTemp(dir, name, `version: 1\nout: ${out}\nprices: ${PRICES}\ndefaults: { paths: 300, horizon: 5, confidence: [0.95], seed: 2 }\njobs:\n${names.map((n) => `  - portfolio: ${join(BATCH, `${n}.csv`)}`).join('\n')}\n`);

  it('item 4: a database the server does not have is exit 2 with one line, for status, worker and batch', async () => {
    const cfg = await writeConfig('db.yaml', 'out-db', ['dj-01-industrials']);
    const results = await Promise.all([
      cli('queue', 'status', '--queue', `${url}/99`),
      cli('worker', '--queue', `${url}/99`, '--log-format', 'json'),
      cli('batch', '--allow-outside', '--config', cfg, '--queue', `${url}/99`, '--log-format', 'json'),
    ]);
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Redis at redis://:***@127.0.0.1:${port}/99 has no database 99`);
      expect(r.stderr).not.toContain(PASSWORD);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(results[0].stdout).toBe('');
    // A database the server has works.
    const ok = await cli('queue', 'status', '--queue', `${url}/3`);
    expect(ok.code).toBe(0);
  });

  it('item 5: a malformed --queue URL is exit 2 and never shows the password', async () => {
    const cfg = await writeConfig('url.yaml', 'out-url', ['dj-01-industrials']);
    for (const bad of [`redis://:${PASSWORD}@127.0.0.1:99999`, `redis://:${PASSWORD}@127.0.0.1:${port}/abc`, `http://:${PASSWORD}@127.0.0.1:1`, `redis://:${PASSWORD}@127.0.0.1:${port}/0?x=1`]) {
      for (const argv of [['worker', '--queue', bad], ['queue', 'status', '--queue', bad], ['batch', '--allow-outside', '--config', cfg, '--queue', bad]]) {
        const r = await cli(...argv);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^error: --queue: /);
        expect(r.stderr).not.toContain(PASSWORD);
      }
    }
  });

  it('item 1: forged outputs in Redis (a path out of the folder, a report with a script, forged paths) are refused', async () => {
    const names = ['dj-02-financials', 'dj-03-technology', 'dj-04-consumer-staples'];
    const cfg = await writeConfig('forged.yaml', 'out-forged', names);
    const escaped = join(dir, 'escaped.txt');
    const forger = new Worker(
      'tailforge-batch',
      async (job: Job) => {
        const request = (job.data as QueueJobData).request;
        const key = resultKey(String(job.id));
        const client = new Redis(url);
        try {
          const files: Record<string, string> = {};
          if (request.job.id === 'dj-02-financials') {
            // A name that climbs out of <out>/jobs/<id> (to `dir`) and a manifest.
            files['../../../escaped.txt'] = 'written by a forger';
            files['manifest.json'] = '{}';
          } else {
            // Every output name, a manifest that names this job and records the files' hashes...
            files['summary.json'] = '{"risk":[]}';
            files['risk.csv'] = 'measure\n';
            files['contributions.csv'] = 'symbol\n';
            files['stress.csv'] = 'scenario\n';
            // ...and a report with a script (one without tailforge's page head, one with it).
            files['report.html'] = request.job.id === 'dj-03-technology' ? '<!doctype html><script>alert(1)</script>' : `${PAGE_PREFIX}<title>x</title><script>alert(1)</script>`;
            const outputs = Object.entries(files).map(([n, t]) => ({ role: n, path: join(request.dir, n), sha256: sha(t) }));
            files['manifest.json'] = JSON.stringify({ outputs, batch: { jobId: request.job.id, jobKey: request.jobKey } });
          }
          await client.hset(key, files);
        } finally {
          client.disconnect();
        }
        // Paths of the forger's choosing: the coordinator must not use them.
        return { dir: '/etc', manifestPath: '/etc/passwd', summaryPath: '/etc/passwd', reportPath: '/etc/passwd', durationMs: 1, resultKey: key };
      },
      { connection: { url, maxRetriesPerRequest: null } },
    );
    try {
      const coordinator = tailforge('batch', '--allow-outside', '--config', cfg, '--queue', url, '--log-format', 'json');
      expect((await coordinator.exited).code).toBe(1);
      const failed = logLines(coordinator.stderr()).filter((l) => l.event === 'job-failed');
      expect(failed.map((l) => l.job).sort()).toEqual(names);
      const reason = (id: string): string => failed.find((l) => l.job === id)?.message ?? '';
      expect(reason('dj-02-financials')).toContain('it holds a file named "../../../escaped.txt", which is not one of a run\'s outputs');
      expect(reason('dj-03-technology')).toContain("report.html does not begin with tailforge's page head");
      expect(reason('dj-04-consumer-staples')).toContain('report.html contains "<script"');
      expect(await exists(escaped)).toBe(false);
      for (const n of names) expect(await exists(join(dir, 'out-forged', 'jobs', n, 'report.html'))).toBe(false);
    } finally {
      await forger.close();
    }
  });

  it('item 3: a blob altered in Redis is uploaded again once a worker reports it, and the job is not retried as is', async () => {
    const name = 'dj-05-healthcare';
    const portfolio = join(BATCH, `${name}.csv`);
    const text = await readFile(portfolio);
    // The same length, another content, under the real file's hash.
    const altered = Buffer.from(text);
    altered[altered.length - 2] = altered[altered.length - 2] === 0x31 ? 0x32 : 0x31;
    const client = new Redis(url);
    try {
      await client.set(blobKey(sha(text)), altered, 'EX', 3600);
      const cfg = await writeConfig('tampered.yaml', 'out-tampered', [name]);
      const worker = await startWorker(url, { cache: join(dir, 'cache-tampered') });
      const coordinator = tailforge('batch', '--allow-outside', '--config', cfg, '--queue', url, '--log-format', 'json');
      expect((await coordinator.exited).code).toBe(0);
      worker.child.kill('SIGTERM');
      await worker.exited;
      const log = logLines(coordinator.stderr());
      expect(log.filter((l) => l.event === 'inputs-reuploaded').map((l) => l.job)).toEqual([name]);
      const wlog = logLines(worker.stderr());
      // Started twice: once on the altered blob (failed at once, no retry), once on the fresh upload.
      expect(wlog.filter((l) => l.event === 'job-start' && l.job === name)).toHaveLength(2);
      expect(wlog.filter((l) => l.event === 'job-retry')).toHaveLength(0);
      expect(wlog.find((l) => l.event === 'job-failed')?.message).toContain('the blob fetched from Redis has sha256');
      expect(Buffer.compare((await client.getBuffer(blobKey(sha(text)))) as Buffer, text)).toBe(0);
      expect(await exists(join(dir, 'out-tampered', 'jobs', name, 'report.html'))).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('item 2: a cached input edited to the same size is fetched again, not used; the default cache is private', async () => {
    const client = new Redis(url);
    try {
      const file = await writeTemp(dir, 'cached-input.csv', 'symbol,quantity\nIBM,1\n');
      const blob = await uploadBlob(client, file);
      const cache = join(dir, 'cache-edit');
      const first = await cachedBlob(client, blob, cache);
      expect(first.fetched).toBe(true);
      // Edited in the cache, same 22 bytes.
      await writeFile(first.file, 'symbol,quantity\nIBM,9\n');
      const again = await cachedBlob(client, blob, cache);
      expect(again).toEqual({ file: first.file, fetched: true });
      expect(await readFile(again.file, 'utf8')).toBe('symbol,quantity\nIBM,1\n');
      expect((await cachedBlob(client, blob, cache)).fetched).toBe(false);
    } finally {
      client.disconnect();
    }
    const before = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'xdg');
    try {
      expect(defaultCacheDir()).toBe(join(dir, 'xdg', 'tailforge'));
      await privateCacheDir(defaultCacheDir());
      expect((await stat(defaultCacheDir())).mode & 0o777).toBe(0o700);
    } finally {
      if (before === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = before;
    }
  });
});
