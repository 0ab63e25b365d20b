import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';

/** A tiny cgan trained through the CLI (a few seconds), then used by run and diagnose. */
const TINY = ['window=5', 'stateWindow=5', 'latentDim=2', 'hidden=8', 'epochs=2'].flatMap((p) => ['--model-param', p]);

describe('tailforge train --model cgan, run --model-dir, diagnose', () => {
  let dir: string;
  let modelDir: string;

  beforeAll(async () => {
    dir = await tempDir();
    modelDir = join(dir, 'models', 'tiny');
    const train = await cli('train', '--prices', PRICES, '--model', 'cgan', '--symbols', 'IBM,KO,MSFT', ...TINY, '--backend', 'wasm', '--out', modelDir, '--log-format', 'text');
    expect(train.code).toBe(0);
    expect(train.stderr).toMatch(/TensorFlow.js backend: wasm/);
    expect(train.stderr).toMatch(/cgan member 3\/3 epoch 2\/2: D loss [\d.]+, G loss [\d.]+, validation FZ0 -?[\d.]+/);
  });

  it('the saved model records its backend; a run with it reports the backend in the manifest and the model card in the report', async () => {
    const meta = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8'));
    expect(meta.model).toBe('cgan');
    expect(meta.extra.backend).toBe('wasm');
    expect(meta.extra.training.epochsRun).toBe(2);
    const p = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,10\nMSFT,5\n');
    const out = join(dir, 'run');
    const run = await cli('run', '--portfolio', p, '--prices', PRICES, '--model-dir', modelDir, '--paths', '400', '--horizon', '12', '--quiet', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.backend).toBe('wasm');
    expect(manifest.model.name).toBe('cgan');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/Model card: generated versus real windows/);
    expect(html).toMatch(/<svg/);
    // The ensemble's spread (3 members) and the model's own warnings, if it has any, are in the card.
    expect(html).toContain('class="ensemble-spread"');
    expect(html).toContain('<th>member 3</th>');
    const fitWarnings: { code: string }[] = meta.extra.fitExtras.warnings;
    if (fitWarnings.length > 0) expect(html).toContain(`Model warnings (${fitWarnings.length})`);
    else expect(html).not.toContain('Model warnings');
  });

  it('diagnose writes diagnostics.json and diagnostics.html and prints a table', async () => {
    const out = join(dir, 'diag');
    const res = await cli('diagnose', '--model-dir', modelDir, '--prices', PRICES, '--out', out, '--reps', '2', '--log-format', 'text');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/W1 \/ std/);
    expect(res.stdout).toMatch(/cgan\s+fhs\s+bootstrap\s+gaussian/);
    const doc = JSON.parse(await readFile(join(out, 'diagnostics.json'), 'utf8'));
    expect(doc.schema).toBe('tailforge.diagnostics');
    expect(doc.backend).toBe('wasm');
    expect(doc.card.models.map((m: { name: string }) => m.name)).toEqual(['cgan', 'fhs', 'bootstrap', 'gaussian']);
    expect(doc.card.verdicts.map((v: { verdict: string }) => v.verdict).every((v: string) => v === 'ok' || v === 'warn')).toBe(true);
    expect(doc.card.real.acfAbs).toHaveLength(20);
    // The model saw every day of PRICES: diagnose compares the last fifth of them and says so.
    expect(doc.heldOut.inSample).toBe(true);
    expect((await stat(join(out, 'diagnostics.html'))).size).toBeGreaterThan(1000);
  });

  it('diagnose refuses a model that is not a cgan, and an unavailable backend is exit 2', async () => {
    const g = join(dir, 'g');
    expect((await cli('train', '--prices', PRICES, '--model', 'gaussian', '--symbols', 'IBM,KO', '--out', g, '--quiet')).code).toBe(0);
    const res = await cli('diagnose', '--model-dir', g, '--prices', PRICES, '--out', join(dir, 'd2'), '--log-format', 'text');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/this is a gaussian model/);
    const bad = await cli('train', '--prices', PRICES, '--model', 'cgan', '--symbols', 'IBM', ...TINY, '--backend', 'nope', '--out', join(dir, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--backend.*nope/);
  });
});
