import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, PRICES, tempDir, writeTemp } from './helpers.js';

const run = promisify(execFile);
const BIN = join(ROOT, 'apps/runner/bin/tailforge.js');

async function tailforge(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the tailforge binary (built code, as a user runs it)', () => {
  it('is built (pnpm test builds before testing)', () => {
    expect(existsSync(join(ROOT, 'apps/runner/dist/cli.js'))).toBe(true);
  });

  it('runs the JSON example portfolio and logs JSON lines when not on a terminal', async () => {
    const out = join(await tempDir(), 'out');
    const res = await tailforge(['run', '--portfolio', 'examples/portfolios/tech-growth.json', '--prices', 'examples/dowjones30_prices.csv', '--paths', '2000', '--out', out]);
    expect(res.code).toBe(0);
    const events = res.stderr.trim().split('\n').map((l) => JSON.parse(l) as { event: string; level: string });
    expect(events.map((e) => e.event)).toContain('done');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.portfolio.name).toBe('tech-growth');
    expect(summary.portfolio.value).toBeCloseTo(9_500_000, 6);
    expect(summary.risk).toHaveLength(2);
  });

  it('exits 2 with one line and no stack trace on bad input', async () => {
    const dir = await tempDir();
    const p = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,abc\n');
    const res = await tailforge(['run', '--portfolio', p, '--prices', PRICES, '--out', join(dir, 'o'), '--log-format', 'text']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints help with exit 0 and usage errors with exit 2', async () => {
    expect((await tailforge(['--help'])).code).toBe(0);
    expect((await tailforge(['run'])).code).toBe(2);
    expect((await tailforge(['nosuchcommand'])).code).toBe(2);
  });
});
