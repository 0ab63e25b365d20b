import { it } from '@jest/globals';
const { log, exp } = Math;
const M = Math;
it('perf', () => {
  const x = new Float64Array(2528); for (let i = 0; i < x.length; i++) x[i] = 1e-4 * (1 + (i % 7));
  const f1 = (): number => { let s = 0; for (let i = 0; i < x.length; i++) s += Math.log(x[i]) + x[i]; return s; };
  const f2 = (): number => { let s = 0; for (let i = 0; i < x.length; i++) s += log(x[i]) + x[i]; return s; };
  const f3 = (): number => { let s = 0; for (let i = 0; i < x.length; i++) s += M.log(x[i]) + x[i]; return s; };
  const f4 = (): number => { let s = 0; for (let i = 0; i < x.length; i++) s += exp(-x[i]); return s; };
  for (const [name, f] of [['Math.log', f1], ['const log', f2], ['M.log', f3], ['const exp', f4]] as const) {
    const t0 = performance.now(); let s = 0; for (let r = 0; r < 1000; r++) s += f(); console.log(name, 'ms', performance.now() - t0, s > 0);
  }
});
