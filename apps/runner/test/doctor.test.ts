import { describe, it, expect } from '@jest/globals';
import { cli } from './helpers.js';

describe('tailforge doctor', () => {
  it('reports each backend probed in its own process: wasm loads with versions and a speed probe; tensorflow-gpu says why not and the fix', async () => {
    const r = await cli('doctor', '--format', 'json', '--backend', 'tensorflow-gpu', '--backend', 'wasm');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.backends.map((b: { name: string }) => b.name)).toEqual(['tensorflow-gpu', 'wasm']);
    const [gpu, wasm] = report.backends;
    expect(wasm.loads).toBe(true);
    expect(wasm.versions.tfjs).toMatch(/^\d+\.\d+\.\d+$/);
    expect(wasm.versions['tfjs-backend-wasm']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(wasm.probeMs).toBeGreaterThan(0);
    expect(wasm.notes).toContain('matMul with explicit transposes: on');
    if (gpu.loads) {
      process.stdout.write('tensorflow-gpu loads on this machine: the not-loading branch is not exercised\n');
      expect(report.auto).toBe('tensorflow-gpu');
    } else {
      expect(gpu.reason).toMatch(/\S/);
      expect(gpu.reason).not.toMatch(/\n/);
      expect(gpu.fix).toMatch(/tfjs-node/);
      expect(report.auto).toBe('wasm');
    }
  });

  it('prints one line per backend in text, and rejects an unknown backend as bad usage', async () => {
    const r = await cli('doctor', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}cpu {2}loads {3}\d+\.\d ms \(\d+\.\d GFLOP\/s\)/m);
    expect(r.stdout).toMatch(/^auto: cpu$/m);
    const bad = await cli('doctor', '--backend', 'gpu');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--backend/);
  });
});
