import { describe, it, expect } from '@jest/globals';
import { acerbiSzekelyZ2, baselTrafficLight, christoffersen, erfc, kupiecPOF } from '../src/index.js';

describe('erfc', () => {
  // Reference values: mpmath erfc at 30 digits, rounded to double.
  const reference: Array<[number, number]> = [
    [0, 1],
    [0.1, 0.8875370839817151],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [2.5, 0.0004069520174449590],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [10, 2.0884875837625448e-45],
    [20, 5.395865611607901e-176],
    [26, 5.663192408856143e-296],
  ];
  it.each(reference)('erfc(%p) = %p to 1e-14 relative', (x, y) => {
    expect(Math.abs(erfc(x) - y)).toBeLessThanOrEqual(1e-14 * y);
  });

  it('erfc(−x) = 2 − erfc(x), limits and NaN', () => {
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(erfc(-30)).toBe(2);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(erfc(1e200)).toBe(0); // 2x² overflows: must not give NaN
    expect(erfc(-1e200)).toBe(2);
    expect(Number.isNaN(erfc(NaN))).toBe(true);
  });
});

describe('kupiecPOF', () => {
  it('250 days, 8 exceptions at 99% (hand computation)', () => {
    // ln L0 = 242 ln 0.99 + 8 ln 0.01 = −2.4321813 − 36.8413615 = −39.2735428
    // ln L1 = 242 ln 0.968 + 8 ln 0.032 = −7.8706124 − 27.5361550 = −35.4067674
    // LR = 2 (ln L1 − ln L0) = 7.7335507; p = erfc(√(LR/2)) = 0.0054204 (χ²(1))
    const r = kupiecPOF(8, 250, 0.01);
    expect(r.lr).toBeCloseTo(7.73355072449453407, 12);
    expect(r.pValue).toBeCloseTo(0.00542040519412775402, 14);
  });

  it('x = 0 and x = n', () => {
    // x = 0: LR = −2n ln(1 − p) = −500 ln 0.99 = 5.0251679; p = erfc(√(250·0.0100503)) = 0.0249815
    const zero = kupiecPOF(0, 250, 0.01);
    expect(zero.lr).toBeCloseTo(5.02516792675072059, 12);
    expect(zero.pValue).toBeCloseTo(0.0249815030534497702, 13);
    // x = n: LR = −2n ln p = −20 ln 0.01 = 92.1034037
    expect(kupiecPOF(10, 10, 0.01).lr).toBeCloseTo(92.1034037197618274, 11);
  });

  it('observed rate equal to p: LR 0, p-value 1', () => {
    const r = kupiecPOF(5, 500, 0.01);
    expect(r.lr).toBeLessThan(1e-12);
    expect(r.pValue).toBeCloseTo(1, 6);
  });

  it('validates', () => {
    expect(() => kupiecPOF(3, 2, 0.01)).toThrow(/exceptions must be an integer in \[0, 2\]/);
    expect(() => kupiecPOF(-1, 10, 0.01)).toThrow(RangeError);
    expect(() => kupiecPOF(1, 0, 0.01)).toThrow(/observations must be a positive integer/);
    expect(() => kupiecPOF(1, 10, 0)).toThrow(/p must be a number strictly between 0 and 1/);
  });
});

describe('christoffersen', () => {
  it('clustered exceptions 0 0 0 1 1 1 0 0 0 0 (hand computation)', () => {
    // pairs: 00 00 01 11 11 10 00 00 00 → n00 = 5, n01 = 1, n10 = 1, n11 = 2
    // π01 = 1/6, π11 = 2/3, π = 3/9 = 1/3
    // ln L_Markov − ln L_null = 5 ln(5/6) + ln(1/6) + ln(1/3) + 2 ln(2/3) − 6 ln(2/3) − 3 ln(1/3)
    //   = 5 ln 5 − 10 ln 2 = 5 ln(5/4)  → LR_ind = 10 ln(5/4) = 2.2314355
    // POF: 3 exceptions in 10 days at p = 0.3 is exactly on rate → 0, so LR_cc = LR_ind,
    // p_cc = exp(−LR_cc / 2) = (4/5)^5 = 0.32768
    const r = christoffersen(Uint8Array.of(0, 0, 0, 1, 1, 1, 0, 0, 0, 0), 0.3);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([5, 1, 1, 2]);
    expect(r.lrInd).toBeCloseTo(10 * Math.log(5 / 4), 13);
    expect(r.pInd).toBeCloseTo(0.135228157687066614, 14);
    expect(r.lrCc).toBeCloseTo(10 * Math.log(5 / 4), 13);
    expect(r.pCc).toBeCloseTo(0.32768, 14);
  });

  it('alternating exceptions 0 1 0 1 0 1 0 0 with an empty n11 cell (hand computation)', () => {
    // n00 = 1, n01 = 3, n10 = 3, n11 = 0; π01 = 3/4, π11 = 0, π = 3/7
    // ln L_Markov = ln(1/4) + 3 ln(3/4) + 3 ln 1 = −1.3862944 − 0.8630462 = −2.2493406
    // ln L_null = 4 ln(4/7) + 3 ln(3/7) = −2.2384632 − 2.5418936 = −4.7803567
    // LR_ind = 2 (−2.2493406 + 4.7803567) = 5.0620323
    // POF (x = 3, T = 8, p = 0.05) = 7.9023148 → LR_cc = 12.9643471, p_cc = exp(−6.4821735) = 0.0015305
    const r = christoffersen(Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 0), 0.05);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([1, 3, 3, 0]);
    expect(r.lrInd).toBeCloseTo(5.06203230885613637, 12);
    expect(r.pInd).toBeCloseTo(0.024455543724650991, 13);
    expect(r.lrCc).toBeCloseTo(12.9643470835278747, 12);
    expect(r.pCc).toBeCloseTo(0.0015304804982099058, 14);
  });

  it('no exceptions: independence cannot be rejected', () => {
    const r = christoffersen(new Uint8Array(250), 0.01);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([249, 0, 0, 0]);
    expect(r.lrInd).toBe(0);
    expect(r.pInd).toBe(1);
    // LR_cc = POF(0, 250) = 5.0251679
    expect(r.lrCc).toBeCloseTo(5.02516792675072059, 12);
  });

  it('validates', () => {
    expect(() => christoffersen(Uint8Array.of(0, 2), 0.01)).toThrow(/must be 0 or 1/);
    expect(() => christoffersen(Uint8Array.of(1), 0.01)).toThrow(/at least 2 days/);
    expect(() => christoffersen(Uint8Array.of(0, 1), 1)).toThrow(RangeError);
  });
});

describe('baselTrafficLight', () => {
  // P(X <= k), X ~ Bin(250, 0.01): the Basel (1996) table, exact values from binomial sums.
  it.each([
    [0, 'green', 0.0810585161621814598],
    [4, 'green', 0.892187626903625282],
    [5, 'yellow', 0.958816815930151641],
    [9, 'yellow', 0.999749809931259492],
    [10, 'red', 0.999946101370952960],
  ])('%p exceptions → %s (cumulative %p)', (k, zone, cum) => {
    const r = baselTrafficLight(k);
    expect(r.zone).toBe(zone);
    expect(r.cumulativeProbability).toBeCloseTo(cum, 14);
  });

  it('P(X = 0) = 0.99^250 by hand', () => {
    expect(baselTrafficLight(0).cumulativeProbability).toBeCloseTo(0.99 ** 250, 15);
  });

  it('other sample sizes move the cut-offs (500 days at 1%: yellow from 9, red from 15)', () => {
    // Bin(500, 0.01): P(X <= 8) = 0.93289 < 0.95 <= P(X <= 9) = 0.96890
    //                P(X <= 14) = 0.999794 < 0.9999 <= P(X <= 15) = 0.999939
    expect(baselTrafficLight(8, 500).zone).toBe('green');
    expect(baselTrafficLight(9, 500).zone).toBe('yellow');
    expect(baselTrafficLight(9, 500).cumulativeProbability).toBeCloseTo(0.968897893351512, 12);
    expect(baselTrafficLight(14, 500, 0.01).zone).toBe('yellow');
    expect(baselTrafficLight(15, 500, 0.01).zone).toBe('red');
  });

  it('validates', () => {
    expect(() => baselTrafficLight(251)).toThrow(RangeError);
    expect(() => baselTrafficLight(1, 250, 1)).toThrow(RangeError);
  });
});

describe('acerbiSzekelyZ2', () => {
  it('is 0 when tail losses equal the forecast ES on average at rate α', () => {
    // T = 400, α = 0.025 → 10 exceptions expected; VaR 2, ES 3.
    // 10 exceptions with losses 2.5, 3.5 alternating (mean 3 = ES): Σ X I / (T α ES) = −30/30 = −1 → Z2 = 0
    const pnl = new Float64Array(400).fill(0.1);
    for (let i = 0; i < 10; i++) pnl[i * 40 + 7] = i % 2 === 0 ? -2.5 : -3.5;
    const r = acerbiSzekelyZ2(pnl, 2, 3, 0.025);
    expect(r.z2).toBeCloseTo(0, 14);
    expect(r.exceptions).toBe(10);
    expect(r.observations).toBe(400);
    expect(r.zone).toBe('green');
  });

  it('underestimated risk: tail losses twice the ES give Z2 = −1 (yellow)', () => {
    const pnl = new Float64Array(400).fill(0.1);
    for (let i = 0; i < 10; i++) pnl[i * 40] = -6;
    const r = acerbiSzekelyZ2(pnl, 2, 3, 0.025);
    expect(r.z2).toBeCloseTo(-1, 14);
    expect(r.zone).toBe('yellow');
    // 20 exceptions of twice ES: Σ = −20·6/(400·0.025·3) = −4 → Z2 = −3 (red)
    for (let i = 0; i < 10; i++) pnl[i * 40 + 20] = -6;
    expect(acerbiSzekelyZ2(pnl, 2, 3, 0.025).zone).toBe('red');
  });

  it('per-day forecasts; a loss equal to VaR is not an exception (strict)', () => {
    // T = 4, α = 0.25; day 1: X = −2, VaR 1, ES 4 → −2/4; day 3: X = −3, VaR 2, ES 2 → −3/2;
    // day 2: X = −1 = −VaR → not counted. Z2 = (−0.5 − 1.5)/(4·0.25) + 1 = −1
    const r = acerbiSzekelyZ2([1, -2, -1, -3], [1, 1, 1, 2], [2, 4, 2, 2], 0.25);
    expect(r.exceptions).toBe(2);
    expect(r.z2).toBeCloseTo(-1, 14);
  });

  it('validates', () => {
    expect(() => acerbiSzekelyZ2([1, 2], [1], 2, 0.025)).toThrow(/varForecast must be a number or have one forecast per day/);
    // ES_t is only used (and must be > 0) on exception days: day 1 (−3 < −VaR) has ES 0
    expect(() => acerbiSzekelyZ2([1, -3], 1, [0, 0], 0.025)).toThrow(/esForecast\[1\] must be > 0 on an exception day/);
    expect(acerbiSzekelyZ2([1, -3], 1, [-1, 2], 0.5).z2).toBeCloseTo(-3 / (2 * 0.5 * 2) + 1, 14);
    expect(() => acerbiSzekelyZ2([1, 2], 1, NaN, 0.025)).toThrow(/esForecast\[0\] must be a finite number/);
    expect(() => acerbiSzekelyZ2([1, 2], 1, 2, 0)).toThrow(/alpha must be/);
    expect(() => acerbiSzekelyZ2([], 1, 2, 0.025)).toThrow(RangeError);
  });
});
