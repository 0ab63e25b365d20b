import { createHash } from 'node:crypto';
import { paramsForModel, type RegulatorySettings, type ReplaySpec } from '@tailforge/engine';
import type { QuantileMethod } from '@tailforge/risk';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { coerceParam, getModel, hasModel, listModels, loadedPlugins, MISSING_POLICIES, type MissingPolicy, type RawParams, type ReturnsKind } from '@tailforge/core';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { BATCH_CONFIG_VERSION, type BatchConfig, type BatchJob } from './batch-config.js';
import { formatKeyPath, YamlSource, type KeyPath } from './yaml-source.js';
import { parseReplaySpec } from './replay-spec.js';

/**
 * Reads and validates a batch config (YAML) before any work starts. Every
 * problem is collected and thrown together as a ConfigError (exit 2) naming
 * the file, the line and the key path. Relative paths in the file are
 * relative to the file's folder; `--out` (outOverride) wins over `out:`.
 * Every path the file names (out, history, prices, portfolios, modelDir,
 * scenarios; plugins in config-plugins.ts) must lie inside the file's folder
 * tree, symbolic links resolved, unless `allowOutside` (`--allow-outside`):
 * a config from elsewhere must not read or write the rest of the disk.
 *
 * Format (version 1):
 *
 *   version: 1
 *   out: out/nightly               # jobs/<id>/, index.html, batch manifest and state
 *   history: history.sqlite        # default <out>/history.sqlite
 *   concurrency: 2                 # worker threads (default: CPU count)
 *   plugins: [plugins/my-model]    # model plugins (paths relative to this file, or packages);
 *                                  # loaded first (config-plugins.ts), and by every worker
 *   prices: dowjones30_prices.csv  # default for every job
 *   defaults: { <settings> }       # for every job
 *   jobs:
 *     - portfolio: portfolios/a.csv   # or portfolios: [file or folder, ...]
 *       id: a                         # optional when the entry makes one job
 *       <settings>                    # override the defaults
 *
 * Settings: prices, model (a name or a list), modelParams: {k: v},
 * modelDir, paths, horizon (path length in days: a number or a list),
 * horizons (days along the paths at which VaR / ES are reported too, as
 * `run --horizons`), confidence (a number or a list), seed, missing
 * (error | ffill | drop), lookback, drawdownLimit, quantileMethod (lower |
 * type7, of the historical VaR, as `run --quantile-method`), scenarios (a shock file,
 * as `run --scenarios`), replay (worst:K, none or start dates, as `run --replay`),
 * backtest ({from, refit, lookback, paths, models, reference}: a one-day backtest of
 * the job's model type, or of `models` side by side with their comparison against
 * `reference`, for the report, as `run --backtest-from`; not with modelDir).
 * regulatory (true, or {factors: [A, B], stressedMeasure: var | es}: the regulatory view, as `run --regulatory`).
 * modelParams keys may be scoped to one model (`cgan.epochs`). An entry makes one job
 * per portfolio × model × horizon.
 */

const SETTING_KEYS = ['prices', 'returns', 'returnsKind', 'model', 'modelParams', 'modelDir', 'paths', 'horizon', 'horizons', 'confidence', 'seed', 'missing', 'lookback', 'drawdownLimit', 'quantileMethod', 'scenarios', 'replay', 'backtest', 'regulatory'] as const;
const JOB_KEYS = ['id', 'portfolio', 'portfolios', ...SETTING_KEYS] as const;
const TOP_KEYS = ['version', 'out', 'history', 'concurrency', 'plugins', 'prices', 'defaults', 'jobs', 'strict'] as const;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PORTFOLIO_EXTENSIONS = new Set(['.csv', '.json']);

const DEFAULTS = { model: 'bootstrap', paths: 10_000, horizon: 10, confidence: [0.95, 0.99], seed: 1, missing: 'error' as MissingPolicy };

type Settings = Partial<{
  prices: string;
  /** Set with `returns:` (the file is then in `prices`), cleared by `prices:`, so a job's own file replaces the default's kind too. */
  returnsKind: ReturnsKind | undefined;
  models: string[];
  modelParams: RawParams;
  modelDir: string;
  paths: number;
  /** Path lengths: one job each. */
  pathHorizons: number[];
  /** Report horizons within a run. */
  reportHorizons: number[];
  drawdownLimit: number;
  quantileMethod: QuantileMethod;
  confidence: number[];
  seed: number;
  missing: MissingPolicy;
  lookback: number;
  /** Hypothetical shock file (absolute path). */
  scenarios: string;
  replay: ReplaySpec;
  backtest: { from: string; refit?: number; lookback?: number; paths?: number; models?: string[]; reference?: string };
  regulatory: RegulatorySettings | false;
}>;

type Obj = Record<string, unknown>;

/**
 * Where `abs` really is: its real path, or for a path that does not exist yet
 * (an output folder) the real path of its nearest existing parent joined with the rest.
 */
function realLocation(abs: string): string {
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      rest.push(basename(head));
      head = up;
    }
  }
}

/** Whether `abs` lies in `root`'s folder tree (root itself included), both as real paths. */
export function insideTree(root: string, abs: string): boolean {
  const rel = relative(realLocation(root), realLocation(abs));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

class Checker {
  readonly issues: ConfigIssue[] = [];
  constructor(
    readonly file: string,
    readonly displayFile: string,
    readonly src: YamlSource,
    readonly allowOutside: boolean,
  ) {}

  /** `abs` when it lies in the config's folder tree (or --allow-outside), else an issue. */
  confine(abs: string, path: KeyPath, what: string): string | undefined {
    if (this.allowOutside || insideTree(dirname(this.file), abs)) return abs;
    return this.fail(path, `${what} ${abs} is outside the config's folder ${dirname(this.file)}; move it there or pass --allow-outside`);
  }

  fail(path: KeyPath, reason: string): undefined {
    this.issues.push({ file: this.displayFile, line: this.src.lineOf(path), key: formatKeyPath(path), reason });
    return undefined;
  }

  /** A path relative to the config's folder, made absolute. */
  resolvePath(p: string): string {
    return resolve(dirname(this.file), p);
  }

  map(v: unknown, path: KeyPath): Obj | undefined {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.fail(path, `expected a mapping (key: value), got ${describe(v)}`);
    return v as Obj;
  }

  onlyKeys(o: Obj, path: KeyPath, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        const near = closest(k, allowed);
        this.fail([...path, k], `unknown key${near ? ` (did you mean "${near}"?)` : ''}; allowed here: ${allowed.join(', ')}`);
      }
    }
  }

  str(v: unknown, path: KeyPath): string | undefined {
    if (typeof v !== 'string' || v.trim() === '') return this.fail(path, `expected a non-empty string, got ${describe(v)}`);
    return v;
  }

  int(v: unknown, path: KeyPath, min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      return this.fail(path, `must be a whole number from ${min} to ${max}, got ${describe(v)}`);
    }
    return v;
  }

  /** A value or a list of values (at least one), each checked by `one`. */
  list<T>(v: unknown, path: KeyPath, one: (x: unknown, p: KeyPath) => T | undefined, allowScalar: boolean): T[] | undefined {
    if (!Array.isArray(v)) {
      if (!allowScalar) return this.fail(path, `expected a list, got ${describe(v)}`);
      const x = one(v, path);
      return x === undefined ? undefined : [x];
    }
    if (v.length === 0) return this.fail(path, 'expected at least one entry');
    const out: T[] = [];
    let ok = true;
    v.forEach((x, i) => {
      const r = one(x, [...path, i]);
      if (r === undefined) ok = false;
      else out.push(r);
    });
    return ok ? out : undefined;
  }

  existingFile(v: unknown, path: KeyPath, what: string): string | undefined {
    const s = this.str(v, path);
    if (s === undefined) return undefined;
    const abs = this.resolvePath(s);
    if (!existsSync(abs)) return this.fail(path, `${what} not found: ${abs}`);
    if (!statSync(abs).isFile()) return this.fail(path, `${what} is not a file: ${abs}`);
    return this.confine(abs, path, what);
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** The allowed name within edit distance 2 of `k`, for "did you mean". */
function closest(k: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = editDistance(k.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** Settings of a `defaults` map or a job entry; undefined fields are not set there. */
function readSettings(c: Checker, o: Obj, path: KeyPath): Settings {
  const s: Settings = {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (has('prices') && has('returns')) c.fail([...path, 'returns'], 'give prices or returns, not both');
  if (has('prices')) {
    s.prices = c.existingFile(o.prices, [...path, 'prices'], 'prices file');
    s.returnsKind = undefined;
    if (has('returnsKind')) c.fail([...path, 'returnsKind'], 'returnsKind goes with returns, not prices');
  } else if (has('returns')) {
    s.prices = c.existingFile(o.returns, [...path, 'returns'], 'returns file');
    const k = o.returnsKind;
    if (k !== 'simple' && k !== 'log') c.fail([...path, 'returnsKind'], `returns needs returnsKind: simple or log, got ${describe(k)}`);
    else s.returnsKind = k;
  } else if (has('returnsKind')) c.fail([...path, 'returnsKind'], 'returnsKind goes with returns');
  if (has('model')) {
    s.models = c.list(o.model, [...path, 'model'], (x, p) => {
      const name = c.str(x, p);
      if (name === undefined) return undefined;
      if (!hasModel(name)) return c.fail(p, `unknown model "${name}"; known models: ${listModels().map((m) => m.name).join(', ')}`);
      return name;
    }, true);
    if (s.models && new Set(s.models).size !== s.models.length) c.fail([...path, 'model'], 'a model is listed twice');
  }
  if (has('modelParams')) {
    const m = c.map(o.modelParams, [...path, 'modelParams']);
    if (m !== undefined) {
      const params: Record<string, string | number | boolean> = {};
      for (const [k, v] of Object.entries(m)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') c.fail([...path, 'modelParams', k], `expected a number, string or true/false, got ${describe(v)}`);
        else params[k] = v;
      }
      s.modelParams = params;
    }
  }
  if (has('modelDir')) {
    const d = c.str(o.modelDir, [...path, 'modelDir']);
    if (d !== undefined) {
      const abs = c.resolvePath(d);
      if (!existsSync(join(abs, 'model.json'))) c.fail([...path, 'modelDir'], `no saved model (model.json) in ${abs}; write one with \`tailforge train\``);
      else s.modelDir = c.confine(abs, [...path, 'modelDir'], 'model folder');
    }
    if (has('model') || has('modelParams')) c.fail([...path, 'modelDir'], 'a saved model (modelDir) is used as trained: leave out model and modelParams here');
  }
  if (has('paths')) s.paths = c.int(o.paths, [...path, 'paths'], 1, 50_000_000);
  if (has('horizon')) {
    s.pathHorizons = c.list(o.horizon, [...path, 'horizon'], (x, p) => c.int(x, p, 1, 2520), true);
    if (s.pathHorizons) s.pathHorizons = [...new Set(s.pathHorizons)];
  }
  if (has('horizons')) {
    const h = c.list(o.horizons, [...path, 'horizons'], (x, p) => c.int(x, p, 1, 2520), false);
    if (h) s.reportHorizons = [...new Set(h)].sort((a, b) => a - b);
  }
  if (has('drawdownLimit')) {
    const d = o.drawdownLimit;
    if (typeof d !== 'number' || !(d > 0 && d < 1)) c.fail([...path, 'drawdownLimit'], `must be a fraction between 0 and 1 (e.g. 0.15), got ${describe(d)}`);
    else s.drawdownLimit = d;
  }
  if (has('quantileMethod')) {
    const q = o.quantileMethod;
    if (q !== 'lower' && q !== 'type7') c.fail([...path, 'quantileMethod'], `must be lower or type7, got ${describe(q)}`);
    else s.quantileMethod = q;
  }
  if (has('confidence')) {
    const levels = c.list(o.confidence, [...path, 'confidence'], (x, p) =>
      typeof x === 'number' && x > 0 && x < 1 ? x : c.fail(p, `confidence levels are numbers strictly between 0 and 1 (e.g. 0.99), got ${describe(x)}`),
    true);
    if (levels) s.confidence = [...new Set(levels)].sort((a, b) => a - b);
  }
  if (has('seed')) s.seed = c.int(o.seed, [...path, 'seed'], 0, 0xffffffff);
  if (has('missing')) {
    const m = o.missing;
    if (typeof m !== 'string' || !(MISSING_POLICIES as readonly string[]).includes(m)) c.fail([...path, 'missing'], `must be one of ${MISSING_POLICIES.join(', ')}, got ${describe(m)}`);
    else s.missing = m as MissingPolicy;
  }
  if (has('lookback')) s.lookback = c.int(o.lookback, [...path, 'lookback'], 1, 1_000_000);
  if (has('scenarios')) {
    const f = c.str(o.scenarios, [...path, 'scenarios']);
    if (f !== undefined) {
      const abs = c.resolvePath(f);
      if (!existsSync(abs)) c.fail([...path, 'scenarios'], `scenario file not found: ${abs}`);
      else s.scenarios = c.confine(abs, [...path, 'scenarios'], 'scenario file');
    }
  }
  if (has('backtest')) {
    const b = c.map(o.backtest, [...path, 'backtest']);
    if (b !== undefined) {
      c.onlyKeys(b, [...path, 'backtest'], ['from', 'refit', 'lookback', 'paths', 'models', 'reference']);
      let btModels: string[] | undefined;
      if (b.models !== undefined) {
        btModels = c.list(b.models, [...path, 'backtest', 'models'], (x, p) => {
          const name = typeof x === 'string' ? x.trim() : '';
          if (name === '') return c.fail(p, `expected a model name, got ${describe(x)}`);
          if (!hasModel(name)) return c.fail(p, `unknown model "${name}"; known models: ${listModels().map((m) => m.name).join(', ')}`);
          return name;
        }, false);
        if (btModels && new Set(btModels).size !== btModels.length) c.fail([...path, 'backtest', 'models'], 'a model is listed twice');
      }
      if (b.reference !== undefined) {
        if (b.models === undefined) c.fail([...path, 'backtest', 'reference'], 'a reference needs backtest.models (the models compared)');
        else if (typeof b.reference !== 'string' || (btModels !== undefined && !btModels.includes(b.reference))) {
          c.fail([...path, 'backtest', 'reference'], `expected one of the backtest models (${(btModels ?? []).join(', ')}), got ${describe(b.reference)}`);
        }
      }
      const from = b.from;
      if (typeof from !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) {
        c.fail([...path, 'backtest', 'from'], `expected a date YYYY-MM-DD, got ${describe(from)}`);
      } else {
        s.backtest = {
          from,
          ...(b.refit !== undefined ? { refit: c.int(b.refit, [...path, 'backtest', 'refit'], 1, 10_000) } : {}),
          ...(b.lookback !== undefined ? { lookback: c.int(b.lookback, [...path, 'backtest', 'lookback'], 1, 1_000_000) } : {}),
          ...(b.paths !== undefined ? { paths: c.int(b.paths, [...path, 'backtest', 'paths'], 1, 10_000_000) } : {}),
          ...(btModels !== undefined ? { models: btModels } : {}),
          ...(typeof b.reference === 'string' ? { reference: b.reference } : {}),
        } as Settings['backtest'];
      }
    }
  }
  if (has('regulatory')) {
    const g = o.regulatory;
    const at = [...path, 'regulatory'];
    if (g === true || g === false) s.regulatory = g ? {} : false;
    else {
      const m = c.map(g, at);
      if (m !== undefined) {
        c.onlyKeys(m, at, ['factors', 'stressedMeasure']);
        const factors = m.factors === undefined ? undefined : c.list(m.factors, [...at, 'factors'], (x, p) => c.str(x, p)?.trim(), false);
        const measure = m.stressedMeasure;
        if (measure !== undefined && measure !== 'var' && measure !== 'es') c.fail([...at, 'stressedMeasure'], `must be var or es, got ${describe(measure)}`);
        s.regulatory = { ...(factors !== undefined ? { factors } : {}), ...(measure === 'var' || measure === 'es' ? { stressedMeasure: measure } : {}) };
      }
    }
  }
  if (has('replay')) {
    try {
      s.replay = parseReplaySpec(String(o.replay));
    } catch (err) {
      c.fail([...path, 'replay'], (err as Error).message);
    }
  }
  return s;
}

/** Portfolio files of a job entry: files as given, folders expanded to their *.csv / *.json files (sorted). */
function readPortfolios(c: Checker, o: Obj, path: KeyPath): string[] | undefined {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (has('portfolio') === has('portfolios')) return c.fail(path, 'give exactly one of portfolio (a file) or portfolios (a list of files or folders)');
  if (has('portfolio')) {
    const f = c.existingFile(o.portfolio, [...path, 'portfolio'], 'portfolio file');
    return f === undefined ? undefined : [f];
  }
  return c.list(o.portfolios, [...path, 'portfolios'], (x, p) => {
    const s = c.str(x, p);
    if (s === undefined) return undefined;
    const abs = c.resolvePath(s);
    if (!existsSync(abs)) return c.fail(p, `portfolio file or folder not found: ${abs}`);
    if (c.confine(abs, p, 'portfolio file or folder') === undefined) return undefined;
    if (statSync(abs).isDirectory()) {
      const files = readdirSync(abs)
        .filter((n) => PORTFOLIO_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.'))
        .sort()
        .map((n) => join(abs, n));
      // A file of the folder may be a link to elsewhere.
      if (files.some((f) => c.confine(f, p, 'portfolio file') === undefined)) return undefined;
      return files.length > 0 ? files : c.fail(p, `no portfolio files (*.csv, *.json) in ${abs}`);
    }
    return [abs];
  }, false)?.flat();
}

/** Model parameters checked against the model's declared parameters and their types. */
function checkModelParams(c: Checker, model: string, allParams: RawParams, path: KeyPath): void {
  const factory = getModel(model);
  const before = c.issues.length;
  for (const k of Object.keys(allParams)) {
    const scope = k.includes('.') ? k.slice(0, k.indexOf('.')) : undefined;
    if (scope !== undefined && !hasModel(scope)) c.fail([...path, k], `"${k}" is scoped to an unknown model "${scope}"; write model.parameter, e.g. cgan.epochs`);
  }
  // Plain keys go to every model, `model.key` to that model only (as in a backtest).
  const params = paramsForModel(model, allParams);
  for (const [k, v] of Object.entries(params)) {
    const decl = factory.parameters[k];
    if (decl === undefined) {
      const names = Object.keys(factory.parameters);
      c.fail([...path, k], `model ${model} has no parameter "${k}"; its parameters: ${names.length > 0 ? names.join(', ') : 'none'}`);
    } else {
      // Typed and range-checked by the parameter's schema, as a run would check it.
      try {
        coerceParam(model, k, decl, v);
      } catch (e) {
        c.fail([...path, k], (e as Error).message);
      }
    }
  }
  if (c.issues.length > before) return;
  // The model's own checks of the values (ranges), as `run` would meet them.
  try {
    factory.minObservations(params);
  } catch (e) {
    c.fail(path, `model ${model}: ${(e as Error).message}`);
  }
}

const safeId = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'job';

export interface ConfigOverrides {
  /** --out: wins over `out:`; the user's own choice, so not confined. */
  readonly out?: string | undefined;
  /** --history: wins over `history:`; not confined either. */
  readonly history?: string | undefined;
  /** --allow-outside: the config's paths may leave its folder tree. */
  readonly allowOutside?: boolean | undefined;
}

export function loadBatchConfig(file: string, overrides: ConfigOverrides = {}): BatchConfig {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([{ file, key: '', reason: code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(e)})` }]);
  }
  const src = new YamlSource(text);
  const syntax = src.errors();
  if (syntax.length > 0) throw new ConfigError(syntax.map((e) => ({ file, line: e.line, key: '', reason: `YAML: ${e.reason}` })));
  const c = new Checker(abs, file, src, overrides.allowOutside === true);
  const top = c.map(src.toJS(), []);
  if (top === undefined) throw new ConfigError(c.issues);
  c.onlyKeys(top, [], TOP_KEYS);

  if (top.version === undefined) c.fail([], `missing key version (this tailforge reads version: ${BATCH_CONFIG_VERSION})`);
  else if (top.version !== BATCH_CONFIG_VERSION) c.fail(['version'], `unsupported config version ${describe(top.version)}; this tailforge reads version ${BATCH_CONFIG_VERSION}`);

  let out: string | undefined;
  if (overrides.out !== undefined) out = resolve(overrides.out);
  else if (top.out !== undefined) {
    const s = c.str(top.out, ['out']);
    if (s !== undefined) out = c.confine(c.resolvePath(s), ['out'], 'output folder');
  } else c.fail([], 'missing key out (the output folder), or pass --out');
  let history: string | undefined;
  if (overrides.history !== undefined) history = resolve(overrides.history);
  else if (top.history !== undefined) {
    const s = c.str(top.history, ['history']);
    if (s !== undefined) history = c.confine(c.resolvePath(s), ['history'], 'history database');
  }
  const concurrency = top.concurrency === undefined ? undefined : c.int(top.concurrency, ['concurrency'], 1, 256);
  if (top.strict !== undefined && typeof top.strict !== 'boolean') c.fail(['strict'], `expected true or false, got ${describe(top.strict)}`);
  const strict = top.strict === true;
  // Loaded before this validation (config-plugins.ts); here only the shape is checked.
  if (top.plugins !== undefined) c.list(top.plugins, ['plugins'], (x, p) => c.str(x, p), false);
  // Every plugin this thread loaded (the config's and --plugin's) is loaded by the workers too.
  const plugins = loadedPlugins().map((p) => ({ plugin: p.plugin, file: p.file }));
  const topPrices = top.prices === undefined ? undefined : c.existingFile(top.prices, ['prices'], 'prices file');

  let defaults: Settings = {};
  if (top.defaults !== undefined) {
    const d = c.map(top.defaults, ['defaults']);
    if (d !== undefined) {
      c.onlyKeys(d, ['defaults'], SETTING_KEYS);
      defaults = readSettings(c, d, ['defaults']);
    }
  }

  const jobs: BatchJob[] = [];
  const idSource = new Map<string, string>();
  if (top.jobs === undefined) c.fail([], 'missing key jobs (a list of jobs)');
  else if (!Array.isArray(top.jobs) || top.jobs.length === 0) c.fail(['jobs'], `expected a non-empty list of jobs, got ${describe(top.jobs)}`);
  else {
    top.jobs.forEach((entry, i) => {
      const path: KeyPath = ['jobs', i];
      const o = c.map(entry, path);
      if (o === undefined) return;
      c.onlyKeys(o, path, JOB_KEYS);
      const own = readSettings(c, o, path);
      const portfolios = readPortfolios(c, o, path);
      // A job's own modelDir replaces the default model and the other way round.
      const s: Settings = { ...defaults, ...own };
      if (own.modelDir !== undefined) {
        delete s.models;
        delete s.modelParams;
      } else if (own.models !== undefined || own.modelParams !== undefined) delete s.modelDir;
      const prices = s.prices ?? topPrices;
      if (prices === undefined && top.prices === undefined && defaults.prices === undefined && own.prices === undefined) {
        c.fail(path, 'no prices file: set prices at the top level, in defaults or in the job');
      }
      const models = s.modelDir !== undefined ? [undefined] : (s.models ?? [DEFAULTS.model]);
      const params = s.modelParams ?? {};
      if (s.modelDir === undefined) {
        const paramPath: KeyPath = own.modelParams !== undefined ? [...path, 'modelParams'] : ['defaults', 'modelParams'];
        const checked = new Set([...models, ...(s.backtest?.models ?? [])]);
        for (const m of checked) if (m !== undefined && hasModel(m)) checkModelParams(c, m, params, paramPath);
      }
      const horizons = s.pathHorizons ?? [DEFAULTS.horizon];
      if (portfolios === undefined || prices === undefined) return;
      const count = portfolios.length * models.length * horizons.length;
      let explicitId: string | undefined;
      if (o.id !== undefined) {
        const id = c.str(o.id, [...path, 'id']);
        if (id !== undefined && !ID_PATTERN.test(id)) c.fail([...path, 'id'], `must be letters, digits, '.', '_' or '-' (starting with a letter or digit), at most 100 characters, got "${id}"`);
        else if (id !== undefined && count > 1) c.fail([...path, 'id'], `this entry makes ${count} jobs (portfolios × models × horizons); an id names one job only`);
        else explicitId = id;
      }
      for (const portfolio of portfolios) {
        for (const model of models) {
          for (const horizon of horizons) {
            const id =
              explicitId ??
              safeId(basename(portfolio, extname(portfolio))) + (models.length > 1 ? `-${model}` : '') + (horizons.length > 1 ? `-h${horizon}` : '');
            const source = formatKeyPath(path);
            const first = idSource.get(id);
            if (first !== undefined) {
              c.fail(path, `job id "${id}" is also made by ${first}; give one of them an id`);
              continue;
            }
            idSource.set(id, source);
            jobs.push({
              id,
              source,
              ...(plugins.length > 0 ? { plugins } : {}),
              run: {
                portfolioFile: portfolio,
                pricesFile: prices,
                ...(s.returnsKind !== undefined && s.prices !== undefined ? { returnsKind: s.returnsKind } : {}),
                model: model ?? 'saved',
                modelParams: model === undefined ? {} : params,
                ...(s.modelDir !== undefined ? { modelDir: s.modelDir } : {}),
                paths: s.paths ?? DEFAULTS.paths,
                horizon,
                confidence: s.confidence ?? DEFAULTS.confidence,
                seed: s.seed ?? DEFAULTS.seed,
                missing: s.missing ?? DEFAULTS.missing,
                ...(s.lookback !== undefined ? { lookback: s.lookback } : {}),
                ...(s.reportHorizons !== undefined ? { horizons: s.reportHorizons } : {}),
                ...(s.drawdownLimit !== undefined ? { drawdownLimit: s.drawdownLimit } : {}),
                ...(s.quantileMethod !== undefined ? { quantileMethod: s.quantileMethod } : {}),
                ...(s.scenarios !== undefined ? { scenarioFile: s.scenarios } : {}),
                ...(s.replay !== undefined ? { replay: s.replay } : {}),
                ...(s.backtest !== undefined && s.modelDir === undefined ? { backtest: s.backtest } : {}),
                ...(s.regulatory !== undefined && s.regulatory !== false ? { regulatory: s.regulatory } : {}),
              },
            });
          }
        }
      }
    });
  }
  if (c.issues.length > 0 || out === undefined) {
    // Top to bottom, as a person fixes a file (the sort is stable within a line).
    throw new ConfigError([...c.issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  return {
    file: abs,
    sha256: createHash('sha256').update(text).digest('hex'),
    out,
    history: history ?? join(out, 'history.sqlite'),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(strict ? { strict } : {}),
    plugins,
    jobs,
  };
}
