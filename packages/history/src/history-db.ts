import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InputError, type Finding } from '@tailforge/core';
import type { HistoryRisk, HistoryRun, SeriesKey } from './history-run.js';

/**
 * The results history: an embedded SQLite database (better-sqlite3) with one
 * row per run and one per (run, confidence level).
 *
 * Safety: WAL journal (readers never block the writer, a crash mid-write
 * leaves the last committed state), synchronous=FULL (a committed run
 * survives a power cut), one transaction per run (a run is all its rows or
 * none), and a busy timeout so a second writer (another process) waits
 * instead of failing.
 */
export const HISTORY_SCHEMA_VERSION = 3;
const BUSY_TIMEOUT_MS = 15_000;

export const SCHEMA_V1 = `
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  run_key       TEXT    NOT NULL UNIQUE,
  portfolio     TEXT    NOT NULL,
  run_at        TEXT    NOT NULL,
  as_of         TEXT    NOT NULL,
  model_name    TEXT    NOT NULL,
  model_id      TEXT    NOT NULL,
  horizon_days  INTEGER NOT NULL,
  paths         INTEGER NOT NULL,
  seed          INTEGER NOT NULL,
  value         REAL    NOT NULL,
  dd_mean       REAL,
  dd_median     REAL,
  dd_p95        REAL,
  dd_p99        REAL,
  dd_max        REAL,
  manifest_path TEXT    NOT NULL,
  batch_id      TEXT,
  job_id        TEXT
) STRICT;
CREATE TABLE risk (
  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  confidence REAL    NOT NULL,
  var        REAL    NOT NULL,
  es         REAL    NOT NULL,
  var_pct    REAL,
  es_pct     REAL,
  PRIMARY KEY (run_id, confidence)
) STRICT;
CREATE INDEX runs_series ON runs (portfolio, model_name, horizon_days, run_at);
`;

/**
 * Version 2 adds the regulatory view's figures of a run (`run --regulatory`):
 * one row per run that computed it. A version-1 database is migrated on its
 * first open for writing; opened read-only it is read as it is (its runs
 * have no regulatory figures).
 */
const SCHEMA_V2 = `
CREATE TABLE regulatory (
  run_id        INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  var           REAL    NOT NULL,
  svar          REAL    NOT NULL,
  svar_basis    TEXT    NOT NULL,
  var_hs        REAL,
  svar_hs       REAL,
  stressed_from TEXT    NOT NULL,
  stressed_to   TEXT    NOT NULL,
  es_frtb       REAL
) STRICT;
`;

/**
 * Version 3 adds runs.warnings: the run's warnings (summary.json's
 * `warnings`) as JSON text, NULL for runs recorded before. Older files are
 * migrated on their first open for writing; opened read-only they are read as
 * they are (their runs have no warnings).
 */
const SCHEMA_V3 = 'ALTER TABLE runs ADD COLUMN warnings TEXT';

/** MIGRATIONS[v] brings a database from version v to v + 1 (MIGRATIONS[0] creates version 1). */
const MIGRATIONS = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3];

interface RegulatoryRow {
  run_id: number;
  var: number;
  svar: number;
  svar_basis: string;
  var_hs: number | null;
  svar_hs: number | null;
  stressed_from: string;
  stressed_to: string;
  es_frtb: number | null;
}

interface RunRow {
  id: number;
  run_key: string;
  portfolio: string;
  run_at: string;
  as_of: string;
  model_name: string;
  model_id: string;
  horizon_days: number;
  paths: number;
  seed: number;
  value: number;
  dd_mean: number | null;
  dd_median: number | null;
  dd_p95: number | null;
  dd_p99: number | null;
  dd_max: number | null;
  manifest_path: string;
  batch_id: string | null;
  job_id: string | null;
  /** Version 3; absent in an older file opened read-only. */
  warnings?: string | null;
}

interface RiskRow {
  run_id: number;
  confidence: number;
  var: number;
  es: number;
  var_pct: number | null;
  es_pct: number | null;
}

export interface RunQuery {
  readonly portfolio: string;
  readonly modelName?: string;
  readonly horizonDays?: number;
  /** Only runs that started strictly before this ISO time. */
  readonly before?: string;
  /** The latest N runs (still returned oldest first). */
  readonly limit?: number;
}

export class HistoryDb {
  readonly file: string;
  private readonly db: Database.Database;
  /** The schema version of the file (lower than current only when opened read-only). */
  private version = 0;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (creating when missing, unless readonly) the history database.
   * A file that is not a tailforge history is an InputError naming it.
   */
  static open(file: string, options: { readonly?: boolean } = {}): HistoryDb {
    const path = resolve(file);
    const readonly = options.readonly === true;
    let db: Database.Database | undefined;
    try {
      if (!readonly) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
      if (!readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
      }
      db.pragma('foreign_keys = ON');
      const h = new HistoryDb(path, db);
      h.migrate(readonly);
      return h;
    } catch (e) {
      db?.close();
      throw asInputError(e, path);
    }
  }

  /** Opens read-only, or returns undefined when there is no database yet. */
  static openIfExists(file: string): HistoryDb | undefined {
    return existsSync(file) ? HistoryDb.open(file, { readonly: true }) : undefined;
  }

  private migrate(readonly: boolean): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > HISTORY_SCHEMA_VERSION) {
      throw new InputError(`history database schema ${version} is newer than this tailforge understands (${HISTORY_SCHEMA_VERSION}); upgrade tailforge`, { file: this.file });
    }
    this.version = version;
    if (version === HISTORY_SCHEMA_VERSION) return;
    const tables = this.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (version === 0 && tables.n > 0) {
      throw new InputError('not a tailforge history database (it has tables but no tailforge schema version)', { file: this.file });
    }
    if (readonly) {
      if (version === 0) throw new InputError('empty history database', { file: this.file });
      return; // an older schema is read as it is
    }
    // BEGIN IMMEDIATE: two processes creating or upgrading the same database do it once.
    this.db.transaction(() => {
      for (let v = this.db.pragma('user_version', { simple: true }) as number; v < HISTORY_SCHEMA_VERSION; v++) {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      }
    }).immediate();
    this.version = HISTORY_SCHEMA_VERSION;
  }

  /**
   * Records a run and its risk rows in one transaction; a run already
   * recorded (same run key) is left as it is. Returns true when it was new.
   */
  insertRun(run: HistoryRun): boolean {
    const insertRun = this.db.prepare(
      `INSERT INTO runs (run_key, portfolio, run_at, as_of, model_name, model_id, horizon_days, paths, seed, value,
                         dd_mean, dd_median, dd_p95, dd_p99, dd_max, manifest_path, batch_id, job_id, warnings)
       VALUES (@runKey, @portfolio, @runAt, @asOf, @modelName, @modelId, @horizonDays, @paths, @seed, @value,
               @ddMean, @ddMedian, @ddP95, @ddP99, @ddMax, @manifestPath, @batchId, @jobId, @warnings)
       ON CONFLICT (run_key) DO NOTHING`,
    );
    const insertRisk = this.db.prepare('INSERT INTO risk (run_id, confidence, var, es, var_pct, es_pct) VALUES (?, ?, ?, ?, ?, ?)');
    const insertRegulatory = this.db.prepare(
      `INSERT INTO regulatory (run_id, var, svar, svar_basis, var_hs, svar_hs, stressed_from, stressed_to, es_frtb)
       VALUES (@runId, @var, @svar, @svarBasis, @varHs, @svarHs, @stressedFrom, @stressedTo, @esFrtb)`,
    );
    return this.db
      .transaction((r: HistoryRun): boolean => {
        const info = insertRun.run({
          runKey: r.runKey,
          portfolio: r.portfolio,
          runAt: r.runAt,
          asOf: r.asOf,
          modelName: r.modelName,
          modelId: r.modelId,
          horizonDays: r.horizonDays,
          paths: r.paths,
          seed: r.seed,
          value: r.value,
          ddMean: r.drawdown.mean,
          ddMedian: r.drawdown.median,
          ddP95: r.drawdown.p95,
          ddP99: r.drawdown.p99,
          ddMax: r.drawdown.max,
          manifestPath: r.manifestPath,
          batchId: r.batchId,
          jobId: r.jobId,
          warnings: r.warnings === undefined || r.warnings === null ? null : JSON.stringify(r.warnings),
        });
        if (info.changes === 0) return false;
        for (const x of r.risk) insertRisk.run(info.lastInsertRowid, x.confidence, x.var, x.es, finite(x.varPct), finite(x.esPct));
        const g = r.regulatory;
        if (g != null) {
          insertRegulatory.run({ runId: info.lastInsertRowid, var: g.var, svar: g.svar, svarBasis: g.svarBasis, varHs: finite(g.varHistorical), svarHs: finite(g.svarHistorical), stressedFrom: g.stressedFrom, stressedTo: g.stressedTo, esFrtb: finite(g.esFrtb) });
        }
        return true;
      })
      .immediate(run);
  }

  hasRun(runKey: string): boolean {
    return this.db.prepare('SELECT 1 FROM runs WHERE run_key = ?').get(runKey) !== undefined;
  }

  /** Runs of a portfolio (optionally one model / horizon), oldest first. */
  runs(q: RunQuery): HistoryRun[] {
    const where = ['portfolio = @portfolio'];
    if (q.modelName !== undefined) where.push('model_name = @modelName');
    if (q.horizonDays !== undefined) where.push('horizon_days = @horizonDays');
    if (q.before !== undefined) where.push('run_at < @before');
    const limit = q.limit ?? -1;
    const rows = this.db
      .prepare(`SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY run_at DESC, id DESC LIMIT @limit`)
      .all({ portfolio: q.portfolio, modelName: q.modelName, horizonDays: q.horizonDays, before: q.before, limit }) as RunRow[];
    rows.reverse();
    return this.withRisk(rows);
  }

  /** The runs of a series that started before `runAt`, oldest first, at most `limit`. */
  previousRuns(series: SeriesKey, runAt: string, limit = 90): HistoryRun[] {
    return this.runs({ ...series, before: runAt, limit });
  }

  /** Names of the portfolios with at least one run, sorted. */
  portfolios(): string[] {
    return (this.db.prepare('SELECT DISTINCT portfolio FROM runs ORDER BY portfolio').all() as { portfolio: string }[]).map((r) => r.portfolio);
  }

  close(): void {
    this.db.close();
  }

  private withRisk(rows: RunRow[]): HistoryRun[] {
    if (rows.length === 0) return [];
    const byRun = new Map<number, HistoryRisk[]>();
    const select = this.db.prepare('SELECT * FROM risk WHERE run_id = ? ORDER BY confidence');
    const selectRegulatory = this.version >= 2 ? this.db.prepare('SELECT * FROM regulatory WHERE run_id = ?') : undefined;
    const regulatoryOf = (id: number): HistoryRun['regulatory'] => {
      const g = selectRegulatory?.get(id) as RegulatoryRow | undefined;
      if (g === undefined) return null;
      return {
        var: g.var,
        svar: g.svar,
        svarBasis: g.svar_basis === 'model' ? 'model' : 'historical',
        varHistorical: g.var_hs ?? NaN,
        svarHistorical: g.svar_hs ?? NaN,
        stressedFrom: g.stressed_from,
        stressedTo: g.stressed_to,
        esFrtb: g.es_frtb ?? NaN,
      };
    };
    for (const row of rows) {
      byRun.set(
        row.id,
        (select.all(row.id) as RiskRow[]).map((x) => ({ confidence: x.confidence, var: x.var, es: x.es, varPct: x.var_pct ?? NaN, esPct: x.es_pct ?? NaN })),
      );
    }
    return rows.map((r) => ({
      runKey: r.run_key,
      portfolio: r.portfolio,
      runAt: r.run_at,
      asOf: r.as_of,
      modelName: r.model_name,
      modelId: r.model_id,
      horizonDays: r.horizon_days,
      paths: r.paths,
      seed: r.seed,
      value: r.value,
      drawdown: { mean: r.dd_mean, median: r.dd_median, p95: r.dd_p95, p99: r.dd_p99, max: r.dd_max },
      risk: byRun.get(r.id) ?? [],
      manifestPath: r.manifest_path,
      batchId: r.batch_id,
      jobId: r.job_id,
      regulatory: regulatoryOf(r.id),
      warnings: typeof r.warnings === 'string' ? (JSON.parse(r.warnings) as Finding[]) : null,
    }));
  }
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** SQLite's "not a database" / "cannot open" are the user's file; anything else is passed on. */
function asInputError(e: unknown, file: string): unknown {
  if (e instanceof InputError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (/^SQLITE_(NOTADB|CANTOPEN|CORRUPT|READONLY|PERM)/.test(code)) {
    return new InputError(`cannot use as a history database (${code}: ${(e as Error).message})`, { file }, { cause: e });
  }
  return e;
}
