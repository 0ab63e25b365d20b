import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { InputError } from '@tailforge/core';
import { HistoryDb, HISTORY_SCHEMA_VERSION, type HistoryRun } from '@tailforge/history';
import { formatHistory, varChanges } from '../src/history/format-history.js';
import { ROOT, tempDir } from './helpers.js';

const DIST_DB = pathToFileURL(join(ROOT, 'packages/history/dist/history-db.js')).href;

function run(over: Partial<HistoryRun> & { runKey: string }): HistoryRun {
  return {
    portfolio: 'p',
    runAt: '2026-01-01T00:00:00.000Z',
    asOf: '2001-01-02',
    modelName: 'bootstrap',
    modelId: 'bootstrap-1',
    horizonDays: 10,
    paths: 1000,
    seed: 1,
    value: 1000,
    drawdown: { mean: 0.02, median: 0.015, p95: 0.05, p99: 0.08, max: 0.2 },
    risk: [
      { confidence: 0.95, var: 40, es: 50, varPct: 0.04, esPct: 0.05 },
      { confidence: 0.99, var: 60, es: 70, varPct: 0.06, esPct: 0.07 },
    ],
    manifestPath: '/x/manifest.json',
    batchId: null,
    jobId: null,
    ...over,
  };
}

describe('HistoryDb', () => {
  it('stores runs with their risk rows and returns a series oldest first', async () => {
    const file = join(await tempDir(), 'h.sqlite');
    const db = HistoryDb.open(file);
    expect(db.insertRun(run({ runKey: 'b', runAt: '2026-01-02T00:00:00.000Z' }))).toBe(true);
    expect(db.insertRun(run({ runKey: 'a', runAt: '2026-01-01T00:00:00.000Z' }))).toBe(true);
    expect(db.insertRun(run({ runKey: 'g', runAt: '2026-01-03T00:00:00.000Z', modelName: 'gaussian' }))).toBe(true);
    expect(db.insertRun(run({ runKey: 'h', runAt: '2026-01-04T00:00:00.000Z', horizonDays: 1 }))).toBe(true);
    expect(db.insertRun(run({ runKey: 'q', portfolio: 'other', drawdown: { mean: null, median: null, p95: null, p99: null, max: null } }))).toBe(true);
    // The same run again (a resumed batch) stays one row.
    expect(db.insertRun(run({ runKey: 'a' }))).toBe(false);

    const all = db.runs({ portfolio: 'p' });
    expect(all.map((r) => r.runKey)).toEqual(['a', 'b', 'g', 'h']);
    expect(all[0].risk).toEqual(run({ runKey: 'a' }).risk);
    expect(all[0].drawdown.p99).toBe(0.08);
    const series = db.previousRuns({ portfolio: 'p', modelName: 'bootstrap', horizonDays: 10 }, '2026-01-02T00:00:00.000Z');
    expect(series.map((r) => r.runKey)).toEqual(['a']);
    expect(db.runs({ portfolio: 'p', limit: 2 }).map((r) => r.runKey)).toEqual(['g', 'h']);
    expect(db.runs({ portfolio: 'other' })[0].drawdown).toEqual({ mean: null, median: null, p95: null, p99: null, max: null });
    expect(db.portfolios()).toEqual(['other', 'p']);
    expect(db.hasRun('b')).toBe(true);
    db.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(HISTORY_SCHEMA_VERSION);
    expect((raw.prepare('SELECT count(*) AS n FROM risk').get() as { n: number }).n).toBe(10);
    raw.close();
  });

  it('keeps each run\'s warnings; a version-1 database stays readable and is migrated when opened for writing', async () => {
    const file = join(await tempDir(), 'v1.sqlite');
    const warning = { code: 'few-tail-paths', severity: 'warn' as const, message: 'VaR / ES 99% rest on 3 tail paths', details: { paths: 300 } };
    const db = HistoryDb.open(file);
    db.insertRun(run({ runKey: 'old' }));
    db.close();
    // Make it a version-1 file, as written before warnings were kept.
    const raw = new Database(file);
    raw.exec('ALTER TABLE runs DROP COLUMN warnings');
    raw.exec('DROP TABLE regulatory');
    raw.pragma('user_version = 1');
    raw.close();
    const ro = HistoryDb.open(file, { readonly: true });
    expect(ro.runs({ portfolio: 'p' }).map((r) => [r.runKey, r.warnings])).toEqual([['old', null]]);
    ro.close();
    const rw = HistoryDb.open(file);
    rw.insertRun(run({ runKey: 'new', runAt: '2026-01-02T00:00:00.000Z', warnings: [warning] }));
    rw.insertRun(run({ runKey: 'clean', runAt: '2026-01-03T00:00:00.000Z', warnings: [] }));
    expect(rw.runs({ portfolio: 'p' }).map((r) => [r.runKey, r.warnings])).toEqual([['old', null], ['new', [warning]], ['clean', []]]);
    rw.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(HISTORY_SCHEMA_VERSION);
    check.close();
  });

  it('a process killed in the middle of a write leaves the last committed state', async () => {
    const file = join(await tempDir(), 'crash.sqlite');
    // The child records one run, then starts a second whose second risk row kills the process
    // (SIGKILL: no cleanup at all) after the run row and the first risk row are written.
    const script = `
      import { HistoryDb } from ${JSON.stringify(DIST_DB)};
      const base = ${JSON.stringify(run({ runKey: 'ok' }))};
      const db = HistoryDb.open(${JSON.stringify(file)});
      db.insertRun(base);
      const killer = { get confidence() { process.kill(process.pid, 'SIGKILL'); return 0.99; }, var: 1, es: 1, varPct: 0, esPct: 0 };
      db.insertRun({ ...base, runKey: 'torn', risk: [base.risk[0], killer] });
      console.log('not reached');
    `;
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(res.signal).toBe('SIGKILL');
    expect(res.stdout).not.toContain('not reached');

    const db = HistoryDb.open(file);
    expect(db.runs({ portfolio: 'p' }).map((r) => r.runKey)).toEqual(['ok']);
    expect(db.runs({ portfolio: 'p' })[0].risk).toHaveLength(2);
    db.close();
    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((raw.prepare('SELECT count(*) AS n FROM risk').get() as { n: number }).n).toBe(2);
    raw.close();
  });

  it('concurrent writers (worker threads, each its own connection) lose nothing', async () => {
    const file = join(await tempDir(), 'conc.sqlite');
    HistoryDb.open(file).close();
    const writers = 3;
    const each = 20;
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.dist).then(({ HistoryDb }) => {
        const db = HistoryDb.open(workerData.file);
        for (let i = 0; i < workerData.each; i++) {
          db.insertRun({ ...workerData.base, runKey: 'w' + workerData.w + '-' + i, runAt: new Date(Date.UTC(2026, 0, 1, workerData.w, 0, i)).toISOString() });
        }
        db.close();
        parentPort.postMessage('done');
      });
    `;
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(code, { eval: true, workerData: { dist: DIST_DB, file, each, w, base: run({ runKey: 'x' }) } });
          worker.once('message', () => resolve());
          worker.once('error', reject);
        }),
      ),
    );
    const db = HistoryDb.open(file, { readonly: true });
    const runs = db.runs({ portfolio: 'p' });
    expect(runs).toHaveLength(writers * each);
    expect(runs.every((r) => r.risk.length === 2)).toBe(true);
    db.close();
  });

  it('a file that is not a tailforge history is an input error naming it', async () => {
    const dir = await tempDir();
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello, this is not SQLite\n'.repeat(100));
    expect(() => HistoryDb.open(text)).toThrow(InputError);
    expect(() => HistoryDb.open(text)).toThrow(/notes\.txt: cannot use as a history database/);
    const other = join(dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(() => HistoryDb.open(other)).toThrow(/other\.sqlite: not a tailforge history database/);
  });
});

describe('formatHistory', () => {
  const runs = [
    run({ runKey: 'a', runAt: '2026-01-01T01:00:00.000Z' }),
    run({ runKey: 'b', runAt: '2026-01-02T01:00:00.000Z', risk: [{ confidence: 0.95, var: 50, es: 60, varPct: 0.05, esPct: 0.06 }] }),
    run({ runKey: 'c', runAt: '2026-01-03T01:00:00.000Z', modelName: 'gaussian' }),
  ];

  it('changes are against the previous run of the same model and horizon at the same level', () => {
    const ch = varChanges(runs);
    expect(ch.get(runs[0])?.get(0.95)).toBeNull();
    // 50 / 40 − 1 = 0.25
    expect(ch.get(runs[1])?.get(0.95)).toBeCloseTo(0.25, 12);
    // The gaussian run starts its own series.
    expect(ch.get(runs[2])?.get(0.95)).toBeNull();
  });

  it('text: one line per run and level with the change', () => {
    const text = formatHistory('p', runs, 'text');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2 + 5);
    expect(lines[1]).toMatch(/^run at \(UTC\)\s+as of\s+model/);
    expect(lines[4]).toMatch(/^2026-01-02 01:00:00 .* 95\.0%\s+50\s+5\.00%\s+\+25\.0%\s+60\s+6\.00%\s+8\.00%$/);
  });

  it('csv neutralises formula-like names; json carries the schema and every run', () => {
    const evil = [run({ runKey: 'e', portfolio: '=HYPERLINK("x")' })];
    const csv = formatHistory('=HYPERLINK("x")', evil, 'csv').split('\n');
    expect(csv[0]).toBe('portfolio,run_at,as_of,model_name,model_id,horizon_days,paths,seed,value,confidence,var,es,var_pct,es_pct,dd_mean,dd_median,dd_p95,dd_p99,dd_max,manifest_path,batch_id,job_id');
    expect(csv[1].startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
    expect(csv).toHaveLength(4); // header, two levels, trailing newline
    const json = JSON.parse(formatHistory('p', runs, 'json'));
    expect(json).toMatchObject({ schema: 'tailforge.history', schemaVersion: 1, portfolio: 'p' });
    expect(json.runs.map((r: HistoryRun) => r.runKey)).toEqual(['a', 'b', 'c']);
  });
});
