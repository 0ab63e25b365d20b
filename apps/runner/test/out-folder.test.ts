import { describe, it, expect, beforeAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { OUT_MARKER } from '../src/output/out-folder.js';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

/** A process id that has certainly exited: a child that ran and ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;
const run = (...extra: string[]) => ['run', '--prices', PRICES, '--paths', '200', '--horizon', '5', '--quiet', ...extra];

describe('output folders (issue 13 items 6, 7, 10)', () => {
  let dir: string;
  let portfolio: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
    portfolio = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,100\nKO,50\n');
  });

  it('item 6: an input inside the output folder is refused (exit 2) and left as it was', async () => {
    const out = join(dir, 'has-input');
    await mkdir(out);
    const text = 'symbol,quantity\nIBM,10\n';
    const p = await writeTemp(out, 'risk.csv', text);
    const res = await cli(...run('--portfolio', p, '--out', out));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/risk\.csv (lies inside the output folder|would be overwritten)/);
    expect(await readFile(p, 'utf8')).toBe(text);
    // Forced open, the input at an output's name is still refused.
    expect((await cli(...run('--portfolio', p, '--out', out, '--force'))).code).toBe(2);
    expect(await readFile(p, 'utf8')).toBe(text);
    // The prices file as --out itself.
    expect((await cli(...run('--portfolio', portfolio, '--out', PRICES))).code).toBe(2);
  });

  it('item 6: a non-empty folder tailforge did not make is refused unless --force, which keeps the other files', async () => {
    const site = join(dir, 'site');
    await mkdir(site);
    await writeFile(join(site, 'index.html'), '<p>my site</p>');
    const res = await cli(...run('--portfolio', portfolio, '--out', site));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`not empty and was not made by tailforge (no ${OUT_MARKER} in it`);
    expect(await readdir(site)).toEqual(['index.html']);
    expect((await cli(...run('--portfolio', portfolio, '--out', site, '--force'))).code).toBe(0);
    expect(await readFile(join(site, 'index.html'), 'utf8')).toBe('<p>my site</p>');
    expect(existsSync(join(site, 'summary.json'))).toBe(true);
  });

  it('item 6: a batch out: that is a foreign site folder is refused; its index.html survives', async () => {
    const bdir = await tempDir();
    await mkdir(join(bdir, 'site'));
    await writeFile(join(bdir, 'site', 'index.html'), '<p>my site</p>');
    await writeFile(join(bdir, 'p.csv'), 'symbol,quantity\nIBM,100\n');
    const config = await writeTemp(bdir, 'b.yaml', `version: 1\nout: site\nprices: ${PRICES}\ndefaults: { paths: 200, horizon: 5 }\njobs:\n  - portfolio: p.csv\n`);
    const res = await cli('batch', '--allow-outside', '--config', config, '--quiet');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not made by tailforge');
    expect(await readFile(join(bdir, 'site', 'index.html'), 'utf8')).toBe('<p>my site</p>');
    // A fresh out folder is made by tailforge: a second batch into it is fine.
    const fresh = await writeTemp(bdir, 'c.yaml', `version: 1\nout: out\nprices: ${PRICES}\ndefaults: { paths: 200, horizon: 5 }\njobs:\n  - portfolio: p.csv\n`);
    expect((await cli('batch', '--allow-outside', '--config', fresh, '--quiet')).code).toBe(0);
    expect((await cli('batch', '--allow-outside', '--config', fresh, '--quiet')).code).toBe(0);
    expect(existsSync(join(bdir, 'out', OUT_MARKER))).toBe(true);
  });

  it('item 7: a rerun replaces the folder whole (no stale file of the last run) and cleans a killed run\'s temp folder', async () => {
    const out = join(dir, 'whole');
    expect((await cli(...run('--portfolio', portfolio, '--out', out))).code).toBe(0);
    // A file of an older run that this run does not write, and what a killed run left beside the folder.
    await writeFile(join(out, 'old-extra.txt'), 'from an earlier version');
    const stale = join(dir, `.whole.tmp-${deadPid()}-abcdef012345`);
    await mkdir(stale);
    await writeFile(join(stale, OUT_MARKER), '');
    await writeFile(join(stale, 'summary.json'), '{"half":');
    expect((await cli(...run('--portfolio', portfolio, '--out', out))).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([OUT_MARKER, 'contributions.csv', 'manifest.json', 'report.html', 'risk.csv', 'stress.csv', 'summary.json']);
    expect(existsSync(stale)).toBe(false);
    expect((await readdir(dir)).filter((n) => n.startsWith('.whole.'))).toEqual([]);
    // The manifest names the files where they are, with their hashes.
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toContain(join(out, 'summary.json'));
  });

  it('item 7: a killed --path-store run\'s temp file is removed by the next run', async () => {
    const store = join(dir, 'paths.tfp');
    const stale = join(dir, `.paths.tfp.tmp-${deadPid()}-0badc0de`);
    await writeFile(stale, 'half a store');
    expect((await cli(...run('--portfolio', portfolio, '--path-store', store, '--out', join(dir, 'streamed')))).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(store)).toBe(true);
  });

  it('item 10: bad outputs and inputs exit 2 with one line, before any path is generated', async () => {
    const file = await writeTemp(dir, 'a-file', 'x');
    const asFile = await cli(...run('--portfolio', portfolio, '--out', file, '--log-format', 'text'));
    expect(asFile.code).toBe(2);
    expect(asFile.stderr).toContain('is a file, not a folder');
    expect(asFile.stderr).not.toContain('report it');
    const proc = await cli(...run('--portfolio', portfolio, '--out', '/proc/x'));
    expect(proc.code).toBe(2);
    expect(proc.stderr).toContain('system file system');
    const asDir = await cli(...run('--portfolio', portfolio, '--prices', dir, '--out', join(dir, 'o-dir')));
    expect(asDir.code).toBe(2);
    expect(asDir.stderr).toContain('is a directory, not a CSV file');
    const device = await cli(...run('--portfolio', '/dev/zero', '--out', join(dir, 'o-dev')));
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('not a regular file');
    for (const q of ['1e300', '1e-300']) {
      const p = await writeTemp(dir, `q${q}.csv`, `symbol,quantity\nIBM,${q}\n`);
      const res = await cli(...run('--portfolio', p, '--out', join(dir, `o${q}`)));
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`row 2, column quantity: expected 0 or an amount from 1e-9 to`);
      expect(res.stderr).not.toContain('report it');
    }
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'read-only');
      await mkdir(ro);
      await chmod(ro, 0o555);
      const res = await cli(...run('--portfolio', portfolio, '--out', join(ro, 'out')));
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('cannot be written');
    }
  });

  it('item 10: --plugin /dev/zero is refused at once (not read without end)', async () => {
    const res = await cli('--plugin', '/dev/zero', 'models');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('/dev/zero is not a regular file');
  });

  it('item 10: a full disk (ENOSPC) exits 2 with a one-line reason, not "report it"', async () => {
    const plugin = join(ROOT, 'apps/runner/test/fixtures/plugins/disk-full.js');
    const res = await cli('--plugin', plugin, ...run('--portfolio', portfolio, '--model', 'disk-full', '--out', join(dir, 'o-full'), '--log-format', 'text'));
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('no space left on the device (ENOSPC) on /var/tmp/x');
    expect(res.stderr).not.toContain('report it');
  });

  it('item 9: a run too large for --max-memory exits 2 with the estimate and the flag, before generating', async () => {
    const res = await cli('run', '--prices', PRICES, '--portfolio', portfolio, '--paths', '50000000', '--horizon', '10', '--max-memory', '2G', '--out', join(dir, 'o-mem'), '--log-format', 'text');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('50,000,000 paths × 10 days × 2 assets need about');
    expect(res.stderr).toContain('--max-memory');
    expect(res.stderr).not.toContain('generating paths');
    expect(existsSync(join(dir, 'o-mem'))).toBe(false);
  });

  it('item 13: a quoted symbol with a comma in the portfolio matches the quoted prices column', async () => {
    const rows = ['date,"IBM","A,B"'];
    for (let t = 0; t < 60; t++) rows.push(`2020-${String(1 + Math.floor(t / 28)).padStart(2, '0')}-${String(1 + (t % 28)).padStart(2, '0')},${100 + Math.sin(t) * 3},${50 + Math.cos(t * 1.3) * 2}`);
    const prices = await writeTemp(dir, 'quoted-prices.csv', `${rows.join('\n')}\n`);
    const p = await writeTemp(dir, 'quoted.csv', 'symbol,quantity\n"A,B",10\nIBM,5\n');
    const res = await cli('run', '--prices', prices, '--portfolio', p, '--paths', '200', '--horizon', '2', '--model', 'gaussian', '--replay', 'none', '--out', join(dir, 'o-quoted'), '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'o-quoted', 'summary.json'), 'utf8'));
    expect(summary.portfolio.positions.map((x: { symbol: string }) => x.symbol)).toEqual(['A,B', 'IBM']);
  });
});

