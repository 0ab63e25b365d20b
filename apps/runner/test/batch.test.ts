import { describe, it, expect, beforeAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { HistoryDb } from '@tailforge/history';
import { FileHasher, jobKey } from '@tailforge/batch-config';
import type { StressRunConfig } from '@tailforge/engine';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const BATCH = join(ROOT, 'examples/portfolios/batch');
const BIN = join(ROOT, 'apps/runner/bin/tailforge.js');
const JOBS = ['dj-01-industrials', 'dj-02-financials', 'dj-03-technology'];

interface LogLine {
  event: string;
  level: string;
  message: string;
  job?: string;
}
const events = (stderr: string): LogLine[] =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LogLine);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const historyRows = (file: string, portfolio: string) => {
  const db = HistoryDb.open(file, { readonly: true });
  try {
    return db.runs({ portfolio });
  } finally {
    db.close();
  }
};

describe('tailforge batch', () => {
  let dir: string;
  let config: string;
  let out: string;
  let broken: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
    out = join(dir, 'out');
    broken = await writeTemp(dir, 'broken.csv', 'symbol,quantity\nIBM,10\nXYZ,5\n');
    config = await writeTemp(
      dir,
      'nightly.yaml',
      `version: 1
out: out
prices: ${PRICES}
concurrency: 2
defaults: { paths: 400, horizon: 5, confidence: [0.95, 0.99], seed: 3 }
jobs:
${JOBS.map((j) => `  - portfolio: ${join(BATCH, `${j}.csv`)}`).join('\n')}
  - portfolio: broken.csv
`,
    );
  });

  it('runs every job; the broken portfolio fails alone with a clear message and exit 1', async () => {
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(1);
    const log = events(res.stderr);
    const failed = log.filter((e) => e.event === 'job-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].job).toBe('broken');
    expect(failed[0].message.startsWith(`broken failed: ${broken}, row 3, column symbol: unknown symbol "XYZ": not a column of ${PRICES}`)).toBe(true);
    expect(log.filter((e) => e.event === 'job-done').map((e) => e.job).sort()).toEqual(JOBS);
    // The summary table: one line per job, the failure with its reason.
    const table = res.stdout.split('\n');
    expect(table[0]).toMatch(/^job\s+status\s+VaR\s+VaR %\s+ES %\s+time\s+note$/);
    expect(table.find((l) => l.startsWith('broken'))).toMatch(/^broken\s+FAILED\s+.*row 3, column symbol: unknown symbol "XYZ"/);
    for (const j of JOBS) expect(table.find((l) => l.startsWith(j))).toMatch(new RegExp(`^${j}\\s+ran\\s+[\\d,]+ @99%`));
    expect(res.stdout).toMatch(/4 jobs: 3 ran, 0 up to date, 1 failed/);

    for (const j of JOBS) {
      const files = (await readdir(join(out, 'jobs', j))).filter((f) => !f.startsWith('.'));
      expect(files).toEqual(expect.arrayContaining(['manifest.json', 'report.html', 'risk.csv', 'summary.json']));
      // Every output the job's manifest lists is there.
      const m = await readJson(join(out, 'jobs', j, 'manifest.json'));
      for (const o of m.outputs as Array<{ path: string }>) expect(files).toContain(o.path.split('/').pop());
    }
    expect(existsSync(join(out, 'jobs', 'broken', 'manifest.json'))).toBe(false);
    const bm = await readJson(join(out, 'batch-manifest.json'));
    expect(bm).toMatchObject({ schema: 'tailforge.batch-manifest', schemaVersion: 1, counts: { ok: 3, skipped: 0, failed: 1 } });
    expect(bm.jobs.map((j: { id: string; status: string }) => `${j.id}:${j.status}`)).toEqual([...JOBS.map((j) => `${j}:ok`), 'broken:failed']);
    const state = await readJson(join(out, 'batch-state.json'));
    expect(state.finished).toBe(true);
    expect(state.jobs.broken.status).toBe('failed');
    for (const j of JOBS) expect(historyRows(join(out, 'history.sqlite'), j)).toHaveLength(1);

    const index = await readFile(join(out, 'index.html'), 'utf8');
    for (const j of JOBS) expect(index).toContain(`<a href="jobs/${j}/report.html">${j}</a>`);
    expect(index).toContain('unknown symbol &quot;XYZ&quot;');
    expect(index).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('a job manifest holds the `tailforge run` line that reproduces its figures', async () => {
    const m = await readJson(join(out, 'jobs', JOBS[1], 'manifest.json'));
    expect(m.batch).toMatchObject({ jobId: JOBS[1], entry: 'jobs[1]' });
    expect(m.batch.jobKey).toMatch(/^[0-9a-f]{64}$/);
    expect(m.command.slice(0, 2)).toEqual(['tailforge', 'run']);
    const argv = [...m.command.slice(1)];
    argv[argv.indexOf('--out') + 1] = join(dir, 'single');
    expect((await cli(...argv, '--quiet')).code).toBe(0);
    const single = await readJson(join(dir, 'single', 'summary.json'));
    const batch = await readJson(join(out, 'jobs', JOBS[1], 'summary.json'));
    expect(single.model.id).toBe(batch.model.id);
    expect(single.risk).toEqual(batch.risk);
    expect(single.maxDrawdown).toEqual(batch.maxDrawdown);
  });

  it('a second run skips every finished job and retries only the failed one', async () => {
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(1);
    const log = events(res.stderr);
    expect(log.filter((e) => e.event === 'job-skipped').map((e) => e.job).sort()).toEqual(JOBS);
    expect(log.filter((e) => e.event === 'job-start').map((e) => e.job)).toEqual(['broken']);
    expect(res.stdout).toMatch(/4 jobs: 0 ran, 3 up to date, 1 failed/);
    for (const j of JOBS) expect(historyRows(join(out, 'history.sqlite'), j)).toHaveLength(1);
  });

  it('fixing the broken portfolio runs it alone and the batch exits 0', async () => {
    await writeFile(broken, 'symbol,quantity\nIBM,10\nKO,5\n');
    const res = await cli('batch', '--allow-outside', '--config', config, '--log-format', 'json');
    expect(res.code).toBe(0);
    expect(events(res.stderr).filter((e) => e.event === 'job-start').map((e) => e.job)).toEqual(['broken']);
    expect(res.stdout).toMatch(/4 jobs: 1 ran, 3 up to date, 0 failed/);
  });

  it('--force reruns everything; each report then shows the change since the previous run', async () => {
    const res = await cli('batch', '--allow-outside', '--config', config, '--force', '--quiet');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const rows = historyRows(join(out, 'history.sqlite'), JOBS[0]);
    expect(rows).toHaveLength(2);
    expect(rows[1].risk).toEqual(rows[0].risk); // same seed, same inputs
    const html = await readFile(join(out, 'jobs', JOBS[0], 'report.html'), 'utf8');
    expect(html).toContain('Change since the previous run');
    expect(html).toContain(`Previous run ${rows[0].runAt}`);
    expect(html).toContain('VaR and ES history');
    expect(html).toContain('2 runs of dj-01-industrials');

    const text = await cli('history', '--portfolio', JOBS[0], '--db', join(out, 'history.sqlite'));
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2 + 4); // title, header, 2 runs × 2 levels
    expect(lines[5]).toMatch(/ 99\.0%\s+[\d,]+\s+[\d.]+%\s+\+0\.0%\s+/);
    const csv = await cli('history', '--portfolio', JOBS[0], '--db', join(out, 'history.sqlite'), '--format', 'csv');
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
    const json = JSON.parse((await cli('history', '--portfolio', JOBS[0], '--db', join(out, 'history.sqlite'), '--format', 'json')).stdout);
    expect(json.runs).toHaveLength(2);
    expect(json.runs[0].manifestPath).toBe(join(out, 'jobs', JOBS[0], 'manifest.json'));
    const unknown = await cli('history', '--portfolio', 'nope', '--db', join(out, 'history.sqlite'), '--log-format', 'text');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no runs of portfolio "nope"; portfolios in the history: broken, dj-01-industrials, dj-02-financials, dj-03-technology/);
  });

  it('a batch killed after its first job resumes with only the rest', async () => {
    const kdir = await tempDir();
    const names = ['dj-04-consumer-staples', 'dj-05-healthcare', 'dj-06-telecom-media', 'dj-07-materials-energy'];
    for (const n of names) await copyFile(join(BATCH, `${n}.csv`), join(kdir, `${n}.csv`));
    const kconfig = await writeTemp(
      kdir,
      'k.yaml',
      `version: 1\nout: out\nprices: ${PRICES}\ndefaults: { paths: 20000, horizon: 10 }\njobs:\n${names.map((n) => `  - portfolio: ${n}.csv`).join('\n')}\n`,
    );
    // The built CLI in its own process, one worker; SIGKILL as soon as the first job is reported done.
    const first = await new Promise<{ stderr: string; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'batch', '--allow-outside', '--config', kconfig, '--concurrency', '1', '--log-format', 'json'], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('"event":"job-done"')) child.kill('SIGKILL');
      });
      child.on('close', (_code, signal) => resolve({ stderr, signal }));
    });
    expect(first.signal).toBe('SIGKILL');
    const doneBefore = events(first.stderr.slice(0, first.stderr.lastIndexOf('\n') + 1))
      .filter((e) => e.event === 'job-done')
      .map((e) => e.job);
    expect(doneBefore).toContain(names[0]);
    const state = await readJson(join(kdir, 'out', 'batch-state.json'));
    expect(state.finished).toBe(false);

    const res = await cli('batch', '--allow-outside', '--config', kconfig, '--log-format', 'json');
    expect(res.code).toBe(0);
    const log = events(res.stderr);
    const skipped = log.filter((e) => e.event === 'job-skipped').map((e) => e.job as string);
    const ran = log.filter((e) => e.event === 'job-done').map((e) => e.job as string);
    // Whatever finished before the kill is skipped, the rest runs, nothing twice.
    for (const j of doneBefore) expect(skipped).toContain(j);
    expect(ran.length).toBeGreaterThan(0);
    expect([...skipped, ...ran].sort()).toEqual(names);
    for (const n of names) expect(historyRows(join(kdir, 'out', 'history.sqlite'), n)).toHaveLength(1);
    expect(existsSync(join(kdir, 'out', '.batch.lock'))).toBe(false);
  });
});

describe('job keys', () => {
  it('change with the inputs\' contents and the settings, not with where the files are', async () => {
    const dir = await tempDir();
    const a = await writeTemp(dir, 'a.csv', 'symbol,quantity\nIBM,10\n');
    const b = await writeTemp(dir, 'b.csv', 'symbol,quantity\nIBM,10\n');
    const base: StressRunConfig = { portfolioFile: a, pricesFile: PRICES, model: 'bootstrap', modelParams: { blockLength: 5 }, paths: 100, horizon: 5, confidence: [0.99], seed: 1, missing: 'error' };
    const key = (c: StressRunConfig) => jobKey(c, new FileHasher());
    const k0 = await key(base);
    expect(await key({ ...base, portfolioFile: b })).toBe(k0);
    expect(await key({ ...base, modelParams: { blockLength: 5 } })).toBe(k0);
    const changes: Array<Partial<StressRunConfig>> = [{ seed: 2 }, { paths: 101 }, { horizon: 6 }, { horizons: [1, 5] }, { drawdownLimit: 0.2 }, { confidence: [0.95] }, { missing: 'ffill' as const }, { lookback: 100 }, { model: 'gaussian', modelParams: {} }, { modelParams: { blockLength: 6 } }];
    for (const changed of changes) {
      expect(await key({ ...base, ...changed })).not.toBe(k0);
    }
    await writeFile(b, 'symbol,quantity\nIBM,11\n');
    expect(await key({ ...base, portfolioFile: b })).not.toBe(k0);
  });
});
