import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { ConfigError, loadBatchConfig, readBatchConfig } from '@tailforge/batch-config';
import { runArgv } from '../src/batch/run-argv.js';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const BATCH_DIR = join(ROOT, 'examples/portfolios/batch');

/** The issues of a config that must not load, as "line: key: reason" lines. */
function issuesOf(file: string): string[] {
  try {
    loadBatchConfig(file, { allowOutside: true });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues.map((i) => `${i.line}: ${i.key}: ${i.reason}`);
  }
  throw new Error('config loaded');
}

describe('batch config', () => {
  let dir: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
    await writeTemp(dir, 'a.csv', 'symbol,quantity\nIBM,10\n');
    await writeTemp(dir, 'b.json', '{"positions":[{"symbol":"KO","quantity":5}]}');
    await mkdir(join(dir, 'models'));
  });

  it('expands entries into portfolio × model × horizon jobs with defaults, relative paths and ids', async () => {
    const file = await writeTemp(
      dir,
      'ok.yaml',
      `version: 1
out: out
prices: ${PRICES}
defaults:
  paths: 500
  confidence: 0.99
jobs:
  - portfolio: a.csv
    id: alpha
    seed: 7
  - portfolios: [b.json, ${BATCH_DIR}]
    model: [bootstrap, gaussian]
    modelParams: {}
    horizon: [1, 5]
    horizons: [5, 1, 5]
    drawdownLimit: 0.2
    quantileMethod: type7
    missing: ffill
`,
    );
    const c = loadBatchConfig(file, { allowOutside: true });
    expect(c.out).toBe(join(dir, 'out'));
    expect(c.history).toBe(join(dir, 'out', 'history.sqlite'));
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
    // 1 + (1 file + 24 in the folder) × 2 models × 2 horizons
    expect(c.jobs).toHaveLength(1 + 25 * 4);
    expect(c.jobs[0]).toEqual({
      id: 'alpha',
      source: 'jobs[0]',
      run: { portfolioFile: join(dir, 'a.csv'), pricesFile: PRICES, model: 'bootstrap', modelParams: {}, paths: 500, horizon: 10, confidence: [0.99], seed: 7, missing: 'error' },
    });
    expect(c.jobs.slice(1, 5).map((j) => j.id)).toEqual(['b-bootstrap-h1', 'b-bootstrap-h5', 'b-gaussian-h1', 'b-gaussian-h5']);
    expect(c.jobs[4].run).toMatchObject({ portfolioFile: join(dir, 'b.json'), model: 'gaussian', horizon: 5, horizons: [1, 5], drawdownLimit: 0.2, quantileMethod: 'type7', missing: 'ffill', paths: 500, seed: 1 });
    expect(runArgv(c.jobs[4].run, 'o')).toEqual(expect.arrayContaining(['--quantile-method', 'type7']));
    expect(c.jobs[5].id).toBe('dj-01-industrials-bootstrap-h1');
    expect(new Set(c.jobs.map((j) => j.id)).size).toBe(c.jobs.length);
    // --out and --history win over the file.
    const o = loadBatchConfig(file, { out: join(dir, 'elsewhere'), history: join(dir, 'h.sqlite'), allowOutside: true });
    expect(o.out).toBe(join(dir, 'elsewhere'));
    expect(o.history).toBe(join(dir, 'h.sqlite'));
  });

  it('collects every problem with its line and key path', async () => {
    const file = await writeTemp(
      dir,
      'bad.yaml',
      `version: 1
out: out
prices: ${PRICES}
defaults:
  paths: lots
  horizn: 5
jobs:
  - portfolio: missing.csv
  - portfolio: a.csv
    id: a1
    model: nosuch
  - portfolio: a.csv
    id: a2
    model: bootstrap
    modelParams: { blockLength: 5, depth: 3 }
    confidence: [0.99, 1.5]
  - portfolios: [a.csv]
    id: two
    horizon: [1, 5]
  - portfolio: a.csv
    id: a4
    modelDir: models
`,
    );
    const issues = issuesOf(file);
    expect(issues).toEqual([
      '5: defaults.paths: must be a whole number from 1 to 50000000, got "lots"',
      '6: defaults.horizn: unknown key (did you mean "horizon"?); allowed here: prices, returns, returnsKind, model, modelParams, modelDir, paths, horizon, horizons, confidence, seed, missing, lookback, drawdownLimit, quantileMethod, scenarios, replay, backtest, regulatory',
      `8: jobs[0].portfolio: portfolio file not found: ${join(dir, 'missing.csv')}`,
      expect.stringMatching(/^11: jobs\[1\]\.model: unknown model "nosuch"; known models: (.*, )?bootstrap, (.*, )?gaussian/),
      '15: jobs[2].modelParams.depth: model bootstrap has no parameter "depth"; its parameters: blockLength',
      '16: jobs[2].confidence[1]: confidence levels are numbers strictly between 0 and 1 (e.g. 0.99), got 1.5',
      '18: jobs[3].id: this entry makes 2 jobs (portfolios × models × horizons); an id names one job only',
      `22: jobs[4].modelDir: no saved model (model.json) in ${join(dir, 'models')}; write one with \`tailforge train\``,
    ]);
  });

  it('names YAML syntax errors, a wrong version, duplicate ids and a missing prices file', async () => {
    expect(issuesOf(await writeTemp(dir, 'syntax.yaml', 'version: 1\njobs:\n  - portfolio: [a.csv\n'))[0]).toMatch(/^4: : YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
    expect(issuesOf(await writeTemp(dir, 'v2.yaml', `version: 2\nout: o\nprices: ${PRICES}\njobs: [{portfolio: a.csv}]\n`))).toEqual([
      '1: version: unsupported config version 2; this tailforge reads version 1',
    ]);
    expect(issuesOf(await writeTemp(dir, 'dup.yaml', `version: 1\nout: o\nprices: ${PRICES}\njobs:\n  - portfolio: a.csv\n  - portfolio: a.csv\n`))).toEqual([
      '6: jobs[1]: job id "a" is also made by jobs[0]; give one of them an id',
    ]);
    expect(issuesOf(await writeTemp(dir, 'noprices.yaml', 'version: 1\nout: o\njobs:\n  - portfolio: a.csv\n'))).toEqual([
      '4: jobs[0]: no prices file: set prices at the top level, in defaults or in the job',
    ]);
    expect(issuesOf(await writeTemp(dir, 'empty.yaml', 'version: 1\nout: o\njobs: []\n'))).toEqual(['3: jobs: expected a non-empty list of jobs, got a list']);
  });

  it('--help documents the exit codes, top level and for batch', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:\n\s+0\s+success[^\n]*\n\s+1\s+failure[^\n]*\n\s+2\s+bad usage or bad input/);
    for (const c of ['run', 'train', 'batch', 'history']) expect(top.stdout).toMatch(new RegExp(`\\n\\s+${c}\\b`));
    const batch = await cli('batch', '--help');
    expect(batch.code).toBe(0);
    for (const o of ['--config', '--concurrency', '--force', '--out', '--history']) expect(batch.stdout).toContain(o);
    expect(batch.stdout).toMatch(/Exit codes: 0 every job ran or was up to date; 1 a job failed/);
  });

  it('tailforge batch: a config error exits 2 with file, line and key, before any work', async () => {
    const out = join(dir, 'never');
    const file = await writeTemp(dir, 'cli-bad.yaml', `version: 1\nout: ${out}\nprices: ${PRICES}\njobs:\n  - portfolio: a.csv\n    horizon: 0\n`);
    const res = await cli('batch', '--allow-outside', '--config', file, '--log-format', 'text');
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(`error: ${file}, line 6, key jobs[0].horizon: must be a whole number from 1 to 2520, got 0`);
    expect(existsSync(out)).toBe(false);
    const missing = await cli('batch', '--config', join(dir, 'nope.yaml'), '--log-format', 'text');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: config file not found/);
  });

  it('paths are confined to the config\'s folder tree unless --allow-outside; errors never quote a file beyond one cell (issue 13.8)', async () => {
    const root = await tempDir('tailforge-confine-');
    const cfgDir = join(root, 'cfg');
    await mkdir(cfgDir);
    const secret = await writeTemp(root, 'secret.csv', 'root:$6$saltsaltsalt$hashhashhashhashhash:19000:0:99999:7:::\n');
    await writeTemp(cfgDir, 'p.csv', 'symbol,quantity\nIBM,1\n');
    await writeTemp(cfgDir, 'prices.csv', 'date,IBM\n2020-01-01,1\n');
    // A link inside the folder to a file outside is outside too.
    await symlink(secret, join(cfgDir, 'linked.csv'));
    const file = await writeTemp(cfgDir, 'c.yaml', `version: 1\nout: ../../escaped-out\nhistory: /tmp/h.sqlite\nprices: prices.csv\njobs:\n  - portfolio: ${secret}\n  - portfolio: linked.csv\n  - portfolio: p.csv\n    prices: ${PRICES}\n`);
    const issues = (() => {
      try {
        loadBatchConfig(file);
      } catch (e) {
        return (e as ConfigError).issues.map((i) => `${i.line}: ${i.key}: ${i.reason}`);
      }
      throw new Error('config loaded');
    })();
    const outside = (what: string, p: string) => `${what} ${p} is outside the config's folder ${cfgDir}; move it there or pass --allow-outside`;
    expect(issues).toEqual([
      `2: out: ${outside('output folder', join(root, '..', 'escaped-out'))}`,
      `3: history: ${outside('history database', '/tmp/h.sqlite')}`,
      `6: jobs[0].portfolio: ${outside('portfolio file', secret)}`,
      `7: jobs[1].portfolio: ${outside('portfolio file', join(cfgDir, 'linked.csv'))}`,
      `9: jobs[2].prices: ${outside('prices file', PRICES)}`,
    ]);
    // Lifted by --allow-outside.
    expect(loadBatchConfig(file, { allowOutside: true }).jobs).toHaveLength(3);
    // Through the CLI: exit 2, nothing written outside, the secret's content shown nowhere.
    const res = await cli('batch', '--config', file, '--log-format', 'json');
    expect(res.code).toBe(2);
    expect(existsSync(join(root, '..', 'escaped-out'))).toBe(false);
    expect(res.stderr).not.toContain('hash');
    // Allowed outside, the secret as a portfolio fails on its header quoting at most 16 characters of its first cell.
    const only = await writeTemp(cfgDir, 'only.yaml', `version: 1\nout: out\nprices: prices.csv\njobs:\n  - portfolio: ${secret}\n`);
    const read = await cli('batch', '--allow-outside', '--config', only, '--log-format', 'json');
    expect(read.code).toBe(1);
    expect(read.stderr).toContain('found no \\"symbol\\" among 1 column(s), the first \\"root:$6$saltsalt…\\"');
    expect(read.stderr).not.toContain('hashhash');
    // A plugin given as a path outside the folder is refused before it is loaded (it is code).
    const plug = await writeTemp(cfgDir, 'plug.yaml', `version: 1\nout: out\nplugins: [../evil.js]\nprices: prices.csv\njobs:\n  - portfolio: p.csv\n`);
    await expect(readBatchConfig(plug)).rejects.toThrow(`plugins[0]: plugin ${join(root, 'evil.js')} is outside the config's folder ${cfgDir}`);
  });
});
