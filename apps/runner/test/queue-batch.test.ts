import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { HistoryDb } from '@tailforge/history';
import { blobKey, cachedBlob, uploadBlob } from '../src/queue/blob-store.js';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';
import { eventCount, freePort, HAVE_REDIS, logLines, startRedis, startWorker, stopAll, tailforge, type LogLine, type Proc } from './queue-helpers.js';

/**
 * `tailforge batch --queue` against a real redis-server started here on a
 * free loopback port, with `tailforge worker` processes of the built CLI.
 * No mock of Redis or BullMQ. Without redis-server the suite is skipped,
 * except in CI (CI=true), where that is a failure.
 */
const BATCH = join(ROOT, 'examples/portfolios/batch');
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
if (!HAVE_REDIS && !IN_CI) {
  process.stderr.write('queue-batch.test.ts: SKIPPED: redis-server is not installed (apt-get install redis-server; .ci/run installs it)\n');
}
const suite = HAVE_REDIS || IN_CI ? describe : describe.skip;

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const historyRows = (file: string, portfolio: string) => {
  const db = HistoryDb.open(file, { readonly: true });
  try {
    return db.runs({ portfolio });
  } finally {
    db.close();
  }
};
const jobsOf = (lines: LogLine[], event: string): string[] => lines.filter((l) => l.event === event).map((l) => String(l.job));
const PASSWORD = 's3cret-pw';
const sha256 = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');

suite('tailforge batch --queue (BullMQ on redis-server)', () => {
  let dir: string;
  let url: string;
  let config: string;
  let broken: string;
  const GOOD = ['dj-01-industrials', 'dj-02-financials', 'dj-03-technology', 'dj-04-consumer-staples'];
  let workers: Proc[] = [];
  /** The worker that rescued the killed job, reused by the next test. */
  let rescuer: Proc;

  /** A config of `names` from the example batch portfolios, written to `dir`. */
  const writeConfig = (name: string, out: string, names: readonly string[], defaults: string, extra = ''): Promise<string> =>
    writeTemp(dir, name, `version: 1\nout: ${out}\nprices: ${PRICES}\ndefaults: { ${defaults} }\njobs:\n${names.map((n) => `  - portfolio: ${join(BATCH, `${n}.csv`)}`).join('\n')}\n${extra}`);

  beforeAll(async () => {
    if (!HAVE_REDIS) throw new Error('redis-server is not installed: CI must install it (.ci/run)');
    dir = await tempDir('tailforge-queue-');
    const redis = await startRedis(dir, ['--requirepass', PASSWORD]);
    url = `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;
    broken = await writeTemp(dir, 'broken.csv', 'symbol,quantity\nIBM,10\nXYZ,5\n');
    config = await writeConfig('nightly.yaml', 'out-queue', GOOD, 'paths: 400, horizon: 5, confidence: [0.95, 0.99], seed: 3', '  - portfolio: broken.csv\n');
  });
  afterAll(async () => {
    await stopAll();
  });

  it('two workers run the batch; the broken portfolio fails alone (not retried); figures equal a local batch', async () => {
    workers = await Promise.all([startWorker(url, { cache: join(dir, 'cache-1') }), startWorker(url, { cache: join(dir, 'cache-2') })]);
    const coordinator = tailforge('batch', '--allow-outside', '--config', config, '--queue', url, '--log-format', 'json');
    const { code } = await coordinator.exited;
    expect(code).toBe(1);
    const log = logLines(coordinator.stderr());
    const failed = log.filter((l) => l.event === 'job-failed');
    expect(failed.map((l) => l.job)).toEqual(['broken']);
    expect(failed[0].message.startsWith(`broken failed: ${broken}, row 3, column symbol: unknown symbol "XYZ": not a column of ${PRICES}`)).toBe(true);
    expect(failed[0].exitCode).toBe(2);
    expect(jobsOf(log, 'job-done').sort()).toEqual(GOOD);
    expect(coordinator.stdout()).toMatch(/5 jobs: 4 ran, 0 up to date, 1 failed/);
    expect(coordinator.stdout()).toMatch(/^broken\s+FAILED\s+.*row 3, column symbol: unknown symbol "XYZ"/m);

    // Each good job ran exactly once, both workers took part; the input error was tried once only.
    const perWorker = workers.map((w) => logLines(w.stderr()));
    expect(perWorker.flatMap((l) => jobsOf(l, 'job-done')).sort()).toEqual(GOOD);
    for (const l of perWorker) expect(jobsOf(l, 'job-done').length).toBeGreaterThan(0);
    expect(perWorker.flatMap((l) => jobsOf(l, 'job-start')).filter((j) => j === 'broken')).toHaveLength(1);
    expect(perWorker.flatMap((l) => jobsOf(l, 'job-failed'))).toEqual(['broken']);

    const out = join(dir, 'out-queue');
    const bm = await readJson(join(out, 'batch-manifest.json'));
    expect(bm).toMatchObject({ counts: { ok: 4, skipped: 0, failed: 1 }, backend: { kind: 'bullmq', queue: 'tailforge-batch', redis: url.replace(PASSWORD, '***') } });
    expect(bm.jobs.find((j: { id: string }) => j.id === 'broken').error.message).toMatch(/unknown symbol "XYZ"/);
    for (const j of GOOD) expect(historyRows(join(out, 'history.sqlite'), j)).toHaveLength(1);
    const index = await readFile(join(out, 'index.html'), 'utf8');
    for (const j of GOOD) expect(index).toContain(`<a href="jobs/${j}/report.html">${j}</a>`);
    expect((await readJson(join(out, 'batch-state.json'))).finished).toBe(true);
    // The password appears in no log line, manifest or page.
    for (const text of [coordinator.stderr(), coordinator.stdout(), ...workers.map((w) => w.stderr()), JSON.stringify(bm), index]) expect(text).not.toContain(PASSWORD);

    // The same config run locally on worker threads: the same figures, the same job keys.
    const local = await cli('batch', '--allow-outside', '--config', config, '--out', join(dir, 'out-local'), '--log-format', 'json');
    expect(local.code).toBe(1);
    for (const j of GOOD) {
      // Only the clock differs: when the summary was written and when the model was fitted.
      const strip = (s: { model: { fitInfo?: object } }) => ({ ...s, generatedAt: undefined, model: { ...s.model, fitInfo: { ...s.model.fitInfo, fittedAt: undefined } } });
      const q = await readJson(join(out, 'jobs', j, 'summary.json'));
      const l = await readJson(join(dir, 'out-local', 'jobs', j, 'summary.json'));
      expect(q.risk.length).toBeGreaterThan(0);
      expect(strip(q)).toEqual(strip(l));
      expect((await readJson(join(out, 'jobs', j, 'manifest.json'))).batch.jobKey).toBe((await readJson(join(dir, 'out-local', 'jobs', j, 'manifest.json'))).batch.jobKey);
    }
  });

  it('queue status counts the finished batch\'s jobs by state, without the password', async () => {
    const json = await cli('queue', 'status', '--queue', url, '--format', 'json');
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout);
    expect(s).toMatchObject({ queue: 'tailforge-batch', redis: url.replace(PASSWORD, '***'), workers: 2 });
    // 4 good jobs completed, the broken portfolio failed once (not retried); nothing else was queued yet.
    expect(s.batches).toEqual([{ out: join(dir, 'out-queue'), config, batchId: expect.any(String), waiting: 0, active: 0, completed: 4, failed: 1, delayed: 0 }]);
    const text = await cli('queue', 'status', '--queue', url);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2 worker connection(s), 1 batch(es)');
    expect(text.stdout).toMatch(new RegExp(`^${join(dir, 'out-queue').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+0\\s+0\\s+4\\s+1\\s+0\\s+`, 'm'));
    for (const t of [json.stdout, text.stdout, json.stderr, text.stderr]) expect(t).not.toContain(PASSWORD);
  });

  it('blobs: stored once by sha256, fetched into the cache once, a blob whose content does not match its hash refused', async () => {
    const client = new Redis(url);
    try {
      const file = await writeTemp(dir, 'blob-input.csv', 'symbol,quantity\nIBM,1\n');
      // sha256 of those 22 bytes (16 + 6), computed independently of the store.
      const expected = createHash('sha256').update('symbol,quantity\nIBM,1\n').digest('hex');
      const blob = await uploadBlob(client, file);
      expect(blob).toEqual({ path: file, sha256: expected, bytes: 22 });
      expect((await client.getBuffer(blobKey(expected)))?.toString()).toBe('symbol,quantity\nIBM,1\n');
      expect(await client.ttl(blobKey(expected))).toBeGreaterThan(7 * 24 * 3600);
      const cache = join(dir, 'blob-cache');
      const first = await cachedBlob(client, blob, cache);
      expect(first).toEqual({ file: join(cache, expected, 'blob-input.csv'), fetched: true });
      expect(await readFile(first.file, 'utf8')).toBe('symbol,quantity\nIBM,1\n');
      expect((await cachedBlob(client, blob, cache)).fetched).toBe(false);
      // A blob tampered with in Redis (same length) is refused, not cached.
      await client.set(blobKey(expected), 'symbol,quantity\nIBM,2\n');
      await expect(cachedBlob(client, blob, join(dir, 'blob-cache-2'))).rejects.toThrow(`the blob fetched from Redis has sha256 ${createHash('sha256').update('symbol,quantity\nIBM,2\n').digest('hex')}, expected ${expected}`);
      await client.del(blobKey(expected));
      await expect(cachedBlob(client, blob, join(dir, 'blob-cache-3'))).rejects.toThrow('is no longer in Redis');
    } finally {
      client.disconnect();
    }
  });

  it('a rerun skips every finished job and queues only the failed one again', async () => {
    const coordinator = tailforge('batch', '--allow-outside', '--config', config, '--queue', url, '--log-format', 'json');
    expect((await coordinator.exited).code).toBe(1);
    const log = logLines(coordinator.stderr());
    expect(jobsOf(log, 'job-skipped').sort()).toEqual(GOOD);
    expect(jobsOf(log, 'job-start')).toEqual(['broken']);
    expect(coordinator.stdout()).toMatch(/5 jobs: 0 ran, 4 up to date, 1 failed/);
    for (const j of GOOD) expect(historyRows(join(dir, 'out-queue', 'history.sqlite'), j)).toHaveLength(1);
    expect(workers.flatMap((w) => jobsOf(logLines(w.stderr()), 'job-done'))).toHaveLength(GOOD.length);
  });

  it('SIGTERM stops an idle worker at once with exit code 0', async () => {
    const t0 = Date.now();
    for (const w of workers) w.child.kill('SIGTERM');
    const ends = await Promise.all(workers.map((w) => w.exited));
    expect(ends.map((e) => e.code)).toEqual([0, 0]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    for (const w of workers) expect(jobsOf(logLines(w.stderr()), 'worker-stopped')).toHaveLength(1);
  });

  it('no shared filesystem: a worker elsewhere runs jobs whose input files it cannot see, from its blob cache', async () => {
    // The coordinator's inputs live in a private folder; the worker gets another cwd and cache.
    const priv = join(dir, 'private');
    await mkdir(priv);
    const names = ['dj-13-basket-5', 'dj-14-basket-6'];
    const prices = join(priv, 'prices.csv');
    await copyFile(PRICES, prices);
    for (const n of names) await copyFile(join(BATCH, `${n}.csv`), join(priv, `${n}.csv`));
    const pconfig = await writeTemp(dir, 'private.yaml', `version: 1\nout: out-private\nprices: ${prices}\ndefaults: { paths: 400, horizon: 5, seed: 11 }\njobs:\n${names.map((n) => `  - portfolio: ${join(priv, `${n}.csv`)}`).join('\n')}\n`);
    const coordinator = tailforge('batch', '--allow-outside', '--config', pconfig, '--queue', url, '--log-format', 'json');
    await coordinator.waitFor(eventCount('job-queued', 2));
    // Once queued, the inputs are gone from every path: only their blobs in Redis remain.
    const hidden = join(dir, 'private-hidden');
    await rename(priv, hidden);
    const cache = join(dir, 'elsewhere', 'cache');
    const cwd = await tempDir('tailforge-worker-cwd-');
    const worker = await startWorker(url, { cwd, cache });
    try {
      expect((await coordinator.exited).code).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    expect(jobsOf(logLines(worker.stderr()), 'job-done').sort()).toEqual(names);
    // The outputs went through Redis and were collected: none is left there.
    const client = new Redis(url);
    try {
      expect(await client.keys('tailforge:result:*')).toEqual([]);
      expect(await client.exists(blobKey(await sha256(join(hidden, 'prices.csv'))))).toBe(1);
    } finally {
      client.disconnect();
    }
    // The worker's cache holds each input once, under its sha256, with its original name.
    const entries = await readdir(cache);
    const priceSha = await sha256(join(hidden, 'prices.csv'));
    expect(entries).toContain(priceSha);
    expect(await readdir(join(cache, priceSha))).toEqual(['prices.csv']);
    for (const n of names) expect(await readdir(join(cache, await sha256(join(hidden, `${n}.csv`))))).toEqual([`${n}.csv`]);
    expect(await sha256(join(cache, priceSha, 'prices.csv'))).toBe(priceSha);
    // The coordinator wrote the outputs; they name its own paths, never the worker's cache.
    for (const n of names) {
      const m = await readJson(join(dir, 'out-private', 'jobs', n, 'manifest.json'));
      expect(m.inputs.map((i: { role: string; path: string }) => [i.role, i.path])).toEqual([
        ['portfolio', join(priv, `${n}.csv`)],
        ['prices', prices],
      ]);
      expect(m.outputs.map((o: { path: string }) => o.path)).toContain(join(dir, 'out-private', 'jobs', n, 'summary.json'));
      expect(JSON.stringify(m)).not.toContain(cache);
      expect(await readFile(join(dir, 'out-private', 'jobs', n, 'report.html'), 'utf8')).toContain(`Prices: ${prices};`);
      expect(historyRows(join(dir, 'out-private', 'history.sqlite'), n)).toHaveLength(1);
    }
    await rename(hidden, priv);
  });

  it('a coordinator killed and restarted joins the jobs it queued; a worker killed mid-job loses nothing', async () => {
    const names = ['dj-05-healthcare', 'dj-06-telecom-media', 'dj-07-materials-energy'];
    const kconfig = await writeConfig('kill.yaml', 'out-kill', names, 'paths: 5000, horizon: 10, seed: 5');
    // No worker is running: the first coordinator queues the jobs and is killed while it waits.
    const killed = tailforge('batch', '--allow-outside', '--config', kconfig, '--queue', url, '--log-format', 'json');
    await killed.waitFor(eventCount('job-queued', 3));
    killed.child.kill('SIGKILL');
    await killed.exited;
    const coordinator = tailforge('batch', '--allow-outside', '--config', kconfig, '--queue', url, '--log-format', 'json');
    await coordinator.waitFor(eventCount('job-joined', 3));
    expect(jobsOf(logLines(coordinator.stderr()), 'job-queued')).toEqual([]);

    const doomed = await startWorker(url);
    await doomed.waitFor('"event":"job-start"');
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const lost = jobsOf(logLines(doomed.stderr()), 'job-start')[0];
    expect(jobsOf(logLines(doomed.stderr()), 'job-done')).not.toContain(lost);

    rescuer = await startWorker(url);
    expect((await coordinator.exited).code).toBe(0);
    const log = logLines(coordinator.stderr());
    expect(jobsOf(log, 'job-done').sort()).toEqual(names);
    expect(jobsOf(log, 'job-stalled')).toContain(lost);
    expect(jobsOf(logLines(rescuer.stderr()), 'job-done')).toContain(lost);
    for (const n of names) expect(historyRows(join(dir, 'out-kill', 'history.sqlite'), n)).toHaveLength(1);
  });

  it('SIGTERM mid-job finishes the job in hand, then exits 0; a second signal hands the job back at once', async () => {
    const names = ['dj-08-cyclicals', 'dj-09-basket-1'];
    const sconfig = await writeConfig('stop.yaml', 'out-stop', names, 'paths: 30000, horizon: 10, seed: 7');
    const first = rescuer; // idle since the last test
    const before = jobsOf(logLines(first.stderr()), 'job-start').length;
    const coordinator = tailforge('batch', '--allow-outside', '--config', sconfig, '--queue', url, '--log-format', 'json');
    await first.waitFor(new RegExp(`"event":"job-start","message":"(${names.join('|')}):`));
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const firstLog = logLines(first.stderr());
    const taken = jobsOf(firstLog, 'job-start').slice(before);
    expect(taken).toHaveLength(1);
    expect(jobsOf(firstLog, 'job-done').filter((j) => names.includes(j))).toEqual(taken);

    const second = await startWorker(url);
    await second.waitFor('"event":"job-start"');
    second.child.kill('SIGTERM');
    await second.waitFor('"event":"worker-stopping"');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const secondLog = logLines(second.stderr());
    expect(jobsOf(secondLog, 'job-handed-back')).toHaveLength(1);
    expect(jobsOf(secondLog, 'job-done')).toHaveLength(0);

    const third = await startWorker(url);
    expect((await coordinator.exited).code).toBe(0);
    expect(jobsOf(logLines(third.stderr()), 'job-done')).toEqual(jobsOf(secondLog, 'job-handed-back'));
    for (const n of names) expect(historyRows(join(dir, 'out-stop', 'history.sqlite'), n)).toHaveLength(1);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  });

  it('--job-timeout: a job without a result in time is marked failed and the batch ends', async () => {
    const tconfig = await writeConfig('timeout.yaml', 'out-timeout', ['dj-12-long-short-4'], 'paths: 5000, horizon: 10');
    // The only worker dies mid-job, so nothing will ever finish it.
    const lone = await startWorker(url);
    const coordinator = tailforge('batch', '--allow-outside', '--config', tconfig, '--queue', url, '--job-timeout', '1', '--log-format', 'json');
    await lone.waitFor('"event":"job-start"');
    lone.child.kill('SIGKILL');
    expect((await coordinator.exited).code).toBe(1);
    const failed = logLines(coordinator.stderr()).filter((l) => l.event === 'job-failed');
    expect(failed.map((l) => l.job)).toEqual(['dj-12-long-short-4']);
    expect(failed[0].message).toBe('dj-12-long-short-4 failed: no result 1 s after the job started (--job-timeout); left in the queue (active)');
    expect(coordinator.stdout()).toMatch(/1 jobs: 0 ran, 0 up to date, 1 failed/);
  });

  it('Redis unreachable: coordinator and worker fail within seconds, exit 1, without showing the password', async () => {
    const port = await freePort(); // nothing listens there
    const down = `redis://:${PASSWORD}@127.0.0.1:${port}`;
    const dconfig = await writeConfig('down.yaml', 'out-down', ['dj-10-basket-2'], 'paths: 400, horizon: 5');
    // In this process: the same code as the built CLI, without two more start-ups.
    const t0 = Date.now();
    const [coordinator, worker, status] = await Promise.all([
      cli('batch', '--allow-outside', '--config', dconfig, '--queue', down, '--log-format', 'json'),
      cli('worker', '--queue', down, '--log-format', 'json'),
      cli('queue', 'status', '--queue', down),
    ]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect([coordinator.code, worker.code, status.code]).toEqual([1, 1, 1]);
    expect(status.stdout).toBe('');
    for (const p of [coordinator, worker, status]) {
      expect(p.stderr).toContain(`cannot reach Redis at redis://:***@127.0.0.1:${port}: connect ECONNREFUSED`);
      expect(p.stderr).not.toContain(PASSWORD);
    }
    const bad = await cli('worker', '--queue', 'http://127.0.0.1:1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected redis:// or rediss://');
  });
});
