import { Writable } from 'node:stream';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli.js';

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
export const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export async function tempDir(prefix = 'tailforge-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeTemp(dir: string, name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

/** The Dow Jones file with KO's Friday closes copied from Thursday (stale Fridays). */
export async function staleFridays(dir: string): Promise<string> {
  const lines = (await readFile(PRICES, 'utf8')).trim().split('\n');
  const ko = lines[0].split(',').indexOf('KO');
  const rows = lines.slice(1).map((l) => l.split(','));
  for (let i = 1; i < rows.length; i++) {
    const day = new Date(`${rows[i][0]}T00:00:00Z`).getUTCDay();
    const prev = new Date(`${rows[i - 1][0]}T00:00:00Z`).getUTCDay();
    if (day === 5 && prev === 4) rows[i][ko] = rows[i - 1][ko];
  }
  return writeTemp(dir, 'stale.csv', `${lines[0]}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
}
