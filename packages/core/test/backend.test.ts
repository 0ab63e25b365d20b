import { describe, it, expect } from '@jest/globals';
import { activeBackend, BACKEND_NAMES, initBackend, InputError, ModelError } from '@tailforge/core';

describe('TensorFlow.js backend selection', () => {
  it('auto takes the first backend that loads, in order tensorflow-gpu, tensorflow, wasm, cpu, and says why it skipped the others', async () => {
    expect(activeBackend()).toBeUndefined();
    const info = await initBackend('auto');
    // Every backend before the chosen one was tried and skipped with a reason; none after it was tried.
    const chosenAt = BACKEND_NAMES.indexOf(info.name);
    expect(info.skipped.map((s) => s.name)).toEqual(BACKEND_NAMES.slice(0, chosenAt));
    for (const s of info.skipped) expect(s.reason).not.toBe('');
    // wasm ships with tailforge, so auto never needs to fall back further.
    expect(chosenAt).toBeLessThanOrEqual(BACKEND_NAMES.indexOf('wasm'));
    expect(activeBackend()).toBe(info);
    expect(info.tfjsVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an explicit backend that cannot load is a ModelError with the reason; the active one stays', async () => {
    const before = await initBackend('auto');
    if (before.name === 'tensorflow-gpu') {
      process.stdout.write('skipped: tensorflow-gpu loads on this machine, so there is no unavailable backend to ask for\n');
      return;
    }
    await expect(initBackend('tensorflow-gpu')).rejects.toThrow(ModelError);
    await expect(initBackend('tensorflow-gpu')).rejects.toThrow(/backend "tensorflow-gpu" is not available: tensorflow-gpu: .+/);
    expect(activeBackend()?.name).toBe(before.name);
  });

  it('switches to an explicit cpu or wasm backend, and rejects unknown names', async () => {
    expect((await initBackend('cpu')).name).toBe('cpu');
    const wasm = await initBackend('wasm');
    expect(wasm.name).toBe('wasm');
    expect(wasm.requested).toBe('wasm');
    await expect(initBackend('gpu' as 'cpu')).rejects.toThrow(InputError);
  });
});
