import { describe, it, expect, beforeAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * scripts/tfjs-node-local.mjs: where it finds the TensorFlow C library in each
 * layout it accepts, what it would link (--dry-run changes nothing), and its
 * one-line errors. The real build runs only when TAILFORGE_LIBTENSORFLOW is set.
 */

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const SCRIPT = join(ROOT, 'scripts/tfjs-node-local.mjs');

function script(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const { TAILFORGE_LIBTENSORFLOW: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...rest, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function touch(path: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, '');
}

let installed: string | undefined;
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'tfjs-node-local-'));
  try {
    createRequire(join(ROOT, 'packages/core/package.json')).resolve('@tensorflow/tfjs-node/package.json');
    installed = 'yes';
  } catch {
    installed = undefined;
  }
});

describe('scripts/tfjs-node-local.mjs', () => {
  it('finds the library, framework and headers of a tensorflow package folder and of a libtensorflow release, and says what it would link', () => {
    if (installed === undefined) {
      process.stdout.write('skipped: @tensorflow/tfjs-node is not installed (optional dependency)\n');
      return;
    }
    const pkg = join(tmp, 'site-packages/tensorflow');
    touch(join(pkg, 'libtensorflow_cc.so.2'));
    touch(join(pkg, 'libtensorflow_framework.so.2'));
    touch(join(pkg, 'include/tensorflow/c/c_api.h'));
    const r = script(['--dry-run', pkg]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.package).toBe('@tensorflow/tfjs-node');
    expect(plan.lib).toBe(join(pkg, 'libtensorflow_cc.so.2'));
    const deps = join(plan.packageDir, 'deps');
    expect(plan.links[join(deps, 'lib/libtensorflow.so')]).toBe(join(pkg, 'libtensorflow_cc.so.2'));
    expect(plan.links[join(deps, 'lib/libtensorflow_cc.so.2')]).toBe(join(pkg, 'libtensorflow_cc.so.2'));
    expect(plan.links[join(deps, 'lib/libtensorflow_framework.so.2')]).toBe(join(pkg, 'libtensorflow_framework.so.2'));
    expect(plan.links[join(deps, 'include')]).toBe(join(pkg, 'include'));
    expect(plan.napi).toBeGreaterThanOrEqual(3);

    const release = join(tmp, 'libtensorflow-cpu-linux');
    touch(join(release, 'lib/libtensorflow.so.2'));
    touch(join(release, 'lib/libtensorflow_framework.so.2'));
    touch(join(release, 'include/tensorflow/c/c_api.h'));
    const viaEnv = script(['--dry-run'], { TAILFORGE_LIBTENSORFLOW: release });
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(viaEnv.stdout).links[join(deps, 'lib/libtensorflow.so')]).toBe(join(release, 'lib/libtensorflow.so.2'));
  });

  it('checks that a wheel holds the C library and headers, and plans their extraction to the cache', () => {
    if (installed === undefined) {
      process.stdout.write('skipped: @tensorflow/tfjs-node is not installed (optional dependency)\n');
      return;
    }
    const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
    if (python === undefined) {
      process.stdout.write('skipped: no python3 to write a test wheel\n');
      return;
    }
    const make = (name: string, members: string[]): string => {
      const wheel = join(tmp, name);
      const py = `import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n  for m in sys.argv[2:]: z.writestr(m, '')`;
      expect(spawnSync(python, ['-c', py, wheel, ...members]).status).toBe(0);
      return wheel;
    };
    const good = make('tensorflow_cpu-9.9.0-cp311-cp311-linux_x86_64.whl', [
      'tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2', 'tensorflow/include/tensorflow/c/c_api.h',
    ]);
    const cache = join(tmp, 'cache');
    const r = script(['--dry-run', good], { TAILFORGE_CACHE: cache });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.extractFrom).toBe(good);
    expect(plan.lib).toBe(join(cache, 'libtensorflow/tensorflow_cpu-9.9.0-cp311-cp311-linux_x86_64/tensorflow/libtensorflow_cc.so.2'));
    const bad = make('numpy-9.9.0-cp311-cp311-linux_x86_64.whl', ['numpy/__init__.py']);
    const r2 = script(['--dry-run', bad], { TAILFORGE_CACHE: cache });
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/the wheel lacks tensorflow\/libtensorflow_cc\.so\.2/);
  });

  it('rejects a missing source, a path that does not exist and a folder without the library, in one line each, with exit code 2', () => {
    if (installed === undefined) {
      process.stdout.write('skipped: @tensorflow/tfjs-node is not installed (optional dependency)\n');
      return;
    }
    const none = script([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^tfjs-node-local: say where the TensorFlow library is: TAILFORGE_LIBTENSORFLOW=/);
    const missing = script([join(tmp, 'nope.whl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.whl does not exist\n$/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = script([empty]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/holds neither libtensorflow_cc\.so\.2/);
  });

  it('builds the binding against $TAILFORGE_LIBTENSORFLOW and loads it (only when that is set)', () => {
    const source = process.env['TAILFORGE_LIBTENSORFLOW'];
    if (source === undefined) {
      process.stdout.write('skipped: set TAILFORGE_LIBTENSORFLOW to a TensorFlow wheel or library to run the real build\n');
      return;
    }
    const r = spawnSync(process.execPath, [SCRIPT, source], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/@tensorflow\/tfjs-node loads: \{"backend":"tensorflow"/);
  }, 600_000);
});
