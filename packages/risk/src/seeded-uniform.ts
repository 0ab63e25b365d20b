// A small seeded generator for the bootstrap, local to risk (risk must not
// depend on core). Internal: not exported from index.ts.

// Bound once: inside a vm sandbox (jest) every global lookup of Math.imul in
// the hot loop goes through the context's interceptors, about 10× slower.
const imul = Math.imul;

/**
 * xoshiro128** (Blackman & Vigna), 128-bit state, period 2^128 − 1, returning
 * uint32 values. The state is filled from the seed's low 32 bits by
 * splitmix32, so every seed (0 included) gives a valid non-zero state.
 */
export function createUint32Generator(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let t = x ^ (x >>> 16);
    t = imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const m = imul(s1, 5);
    const result = imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  };
}

/** 2^-32: scales a uint32 into [0, 1). */
export const UINT32_SCALE = 1 / 4294967296;
