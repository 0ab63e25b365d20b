/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna) on 32-bit
 * integer state, seeded through splitmix32. Fast in V8 (no BigInt), 2^128 − 1
 * period, and good enough statistically for Monte Carlo.
 *
 * Every random draw in tailforge flows from a user seed. Paths get their own
 * stream, {@link Rng.forStream}(seed, pathIndex), so a path's numbers do not
 * depend on how the work was chunked or parallelised.
 */
// Bound once: a global Math lookup per draw is slow under jest's module sandbox.
const { imul, floor, sqrt, log } = Math;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent stream for (seed, stream index): used per path. */
  static forStream(seed: number, stream: number): Rng {
    return new Rng(mix32(seed >>> 0, stream >>> 0));
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias (n ≤ 2^32). */
  int(n: number): number {
    if (n <= 0) throw new RangeError(`Rng.int: n must be positive, got ${n}`);
    return floor(this.uniform() * n);
  }

  /** Standard normal draw (Marsaglia polar method, the spare value is kept). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = sqrt((-2 * log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }

  /**
   * Writes n standard normals into out[offset..offset+n): exactly the values n
   * calls of {@link normal} would return (same polar method, same spare
   * handling, same stream state afterwards), with the generator's state held
   * in locals for the whole block instead of a method call per 32 bits.
   */
  fillNormals(out: Float32Array | Float64Array, offset: number, n: number): void {
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    let i = offset;
    const end = offset + n;
    if (i < end && this.hasSpare) {
      this.hasSpare = false;
      out[i++] = this.spare;
    }
    while (i < end) {
      let u: number, v: number, s: number;
      do {
        // Four xoshiro128** outputs: two 53-bit uniforms, as uniform() builds them.
        let r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
        let t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        const h1 = r >>> 5;
        r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        u = 2 * ((h1 * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
        r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        const h2 = r >>> 5;
        r = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        v = 2 * ((h2 * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = sqrt((-2 * log(s)) / s);
      out[i++] = u * m;
      if (i < end) out[i++] = v * m;
      else {
        this.spare = v * m;
        this.hasSpare = true;
      }
    }
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Mixes two 32-bit integers into one seed (murmur3 finaliser over a combination). */
export function mix32(a: number, b: number): number {
  let h = imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ b;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
