import { describe, it, expect } from '@jest/globals';
import { activeBackend, initBackend, InputError, ModelError } from '@tailforge/core';

describe('TensorFlow.js backend selection', () => {
  it('auto falls back past a tfjs-node without its native library, to wasm', async () => {
    expect(activeBackend()).toBeUndefined();
    const info = await initBackend('auto');
    const native = info.skipped.find((s) => s.name === 'tensorflow');
    if (native === undefined) {
      // A machine where tfjs-node's native library is installed: auto takes it.
      expect(info.name).toBe('tensorflow');
    } else {
      expect(native.reason).not.toBe('');
      expect(info.name).toBe('wasm');
    }
    expect(activeBackend()).toBe(info);
    expect(info.tfjsVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an explicit backend that cannot load is a ModelError with the reason; the active one stays', async () => {
    const before = await initBackend('auto');
    if (before.name === 'tensorflow') return; // nothing to fail on such a machine
    await expect(initBackend('tensorflow')).rejects.toThrow(ModelError);
    await expect(initBackend('tensorflow')).rejects.toThrow(/backend "tensorflow" is not available: tensorflow: .+/);
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
