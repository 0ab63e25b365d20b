import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

/**
 * summary.json of the example runs against fixtures made by the code before
 * the run pipeline moved into @tailforge/engine: every field but the
 * timestamp and absolute paths must be the same. The queue worker runs the
 * same job code as a local batch, and queue-batch.test.ts checks that its
 * figures equal a local batch's, so the batch fixture covers it too.
 *
 * Regenerate (only when figures are meant to change): UPDATE_FIXTURES=1 jest summary-fixtures
 */
const FIXTURES = join(ROOT, 'apps/runner/test/fixtures/summaries');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** Timestamps: when the summary was made, when a model was fitted. */
// Timestamps, and wall times (`seconds` of a backtest model), differ from run to run.
const TIMESTAMPS = new Set(['generatedAt', 'fittedAt', 'trainedAt', 'savedAt', 'createdAt', 'seconds']);

/**
 * Drops the timestamps; absolute paths become `<root>/…` and `<tmp>/…`; numbers
 * keep 12 significant digits, so a change of summation order (the compensated
 * mean of momentsOf) moves no figure while any real change still shows.
 */
function normalise(value: unknown, tmp: string): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(12)) : value;
  if (typeof value === 'string') return value.split(tmp).join('<tmp>').split(ROOT).join('<root>');
  if (Array.isArray(value)) return value.map((v) => normalise(v, tmp));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!TIMESTAMPS.has(k)) out[k] = normalise(v, tmp);
    return out;
  }
  return value;
}

async function check(name: string, summaryFile: string, tmp: string): Promise<void> {
  const actual = normalise(JSON.parse(await readFile(summaryFile, 'utf8')), tmp);
  const fixture = join(FIXTURES, `${name}.json`);
  if (UPDATE) {
    await mkdir(FIXTURES, { recursive: true });
    await writeFile(fixture, `${JSON.stringify(actual, null, 2)}\n`);
  }
  expect(actual).toEqual(normalise(JSON.parse(await readFile(fixture, 'utf8')), tmp));
}

describe('summary.json of the example runs equals the fixtures', () => {
  let tmp: string;
  beforeAll(async () => {
    registerBuiltinModels();
    tmp = await tempDir('tailforge-fixtures-');
  });

  it('the README example: shipped cgan model, replays, shock scenarios', async () => {
    const out = join(tmp, 'example');
    // The fixture is from wasm: where tfjs-node loads, `auto` would pick it and differ in the last bits.
    const res = await cli('run', '--portfolio', join(ROOT, 'examples/portfolios/balanced.csv'), '--prices', PRICES, '--model-dir', join(ROOT, 'examples/models/cgan-dow'), '--scenarios', join(ROOT, 'examples/scenarios/shocks.yaml'), '--paths', '300', '--backend', 'wasm', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    await check('example-cgan', join(out, 'summary.json'), tmp);
  });

  it('a bootstrap run with horizons, lookback and a backtest', async () => {
    const out = join(tmp, 'bootstrap');
    const res = await cli('run', '--portfolio', join(ROOT, 'examples/portfolios/tech-growth.json'), '--prices', PRICES, '--model', 'bootstrap', '--model-param', 'blockLength=10', '--paths', '500', '--horizon', '10', '--horizons', '1,5', '--confidence', '0.95,0.99', '--seed', '42', '--lookback', '750', '--backtest-from', '2000-11-01', '--backtest-paths', '200', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    await check('bootstrap', join(out, 'summary.json'), tmp);
  });

  it('a small batch on worker threads', async () => {
    const config = await writeTemp(
      tmp,
      'batch.yaml',
      `version: 1
out: batch-out
prices: ${PRICES}
concurrency: 2
defaults: { paths: 300, horizon: 5, confidence: [0.95, 0.99], seed: 3 }
jobs:
  - portfolio: ${join(ROOT, 'examples/portfolios/batch/dj-01-industrials.csv')}
  - portfolio: ${join(ROOT, 'examples/portfolios/balanced.csv')}
    model: gaussian
`,
    );
    const res = await cli('batch', '--config', config, '--allow-outside', '--quiet');
    expect(res.code).toBe(0);
    await check('batch-dj-01-industrials', join(tmp, 'batch-out/jobs/dj-01-industrials/summary.json'), tmp);
    await check('batch-balanced', join(tmp, 'batch-out/jobs/balanced/summary.json'), tmp);
  });
});
