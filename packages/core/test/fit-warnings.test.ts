import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chiSquareSample,
  fhsModel,
  findingsProblem,
  garchFitWarnings,
  gaussianModel,
  gaussianFitWarnings,
  MAX_DOF,
  MIN_DOF,
  readPricesCsv,
  Rng,
  selectSymbols,
  sliceDates,
  studentTFitWarnings,
  studentTModel,
  toLogReturns,
  type ReturnsMatrix,
} from '../src/index.js';
import { DOWJONES } from './helpers.js';

function dates(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10));
}

/** n rows of a 2-asset multivariate t with ν = 1 (Cauchy): tails far heavier than any t with a variance. */
function cauchyReturns(n: number, seed: number): ReturnsMatrix {
  const rng = new Rng(seed);
  const values = new Float64Array(n * 2);
  for (let t = 0; t < n; t++) {
    const w = Math.sqrt(chiSquareSample(rng, 1));
    const z1 = rng.normal();
    const z2 = 0.5 * z1 + Math.sqrt(0.75) * rng.normal();
    values[2 * t] = (0.01 * z1) / w;
    values[2 * t + 1] = (0.01 * z2) / w;
  }
  return { dates: dates(n), symbols: ['X', 'Y'], values };
}

describe('student-t: ν at its bounds', () => {
  it('the rules: lower bound warn, upper bound info, inside nothing, no convergence warn', () => {
    expect(studentTFitWarnings(MIN_DOF, true)).toEqual([expect.objectContaining({ code: 'dof-at-bound', severity: 'warn', details: { dof: MIN_DOF, bound: MIN_DOF } })]);
    expect(studentTFitWarnings(MAX_DOF, true)).toEqual([expect.objectContaining({ code: 'dof-at-bound', severity: 'info' })]);
    expect(studentTFitWarnings(5, true)).toEqual([]);
    expect(studentTFitWarnings(2.2, true)).toEqual([]);
    expect(studentTFitWarnings(5, false).map((f) => f.code)).toEqual(['em-not-converged']);
  });

  it('Cauchy data forces ν to 2.1: the fit says so, and a saved and reloaded model too', async () => {
    const model = await studentTModel.fit(cauchyReturns(800, 11), {}, { seed: 1 });
    const info = model.fitInfo as { degreesOfFreedom: number; warnings: unknown[] };
    expect(info.degreesOfFreedom).toBeCloseTo(MIN_DOF, 2);
    expect(model.fitInfo.warnings).toEqual([expect.objectContaining({ code: 'dof-at-bound', severity: 'warn' })]);
    expect(model.fitInfo.warnings?.[0].message).toMatch(/^student-t: ν = 2\.10 at its lower bound 2\.1: tails heavier than the model allows/);
    const dir = await mkdtemp(join(tmpdir(), 'tailforge-fitwarn-'));
    try {
      await model.save(join(dir, 'm'));
      const loaded = await studentTModel.load(join(dir, 'm'));
      expect(loaded.fitInfo.warnings).toEqual(model.fitInfo.warnings);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('real daily returns: ν inside the bounds, no warning', async () => {
    const r = toLogReturns(sliceDates(selectSymbols(await readPricesCsv(DOWJONES), ['AA', 'IBM', 'KO']), { last: 1001 }));
    const model = await studentTModel.fit(r, {}, { seed: 1 });
    expect(model.fitInfo.warnings).toEqual([]);
  });
});

describe('fhs: GARCH persistence and ω at 0', () => {
  it('the rules, per asset', () => {
    const fits = [
      { symbol: 'A', omega: 2e-6, alpha: 0.08, beta: 0.9 },
      { symbol: 'B', omega: 1e-7, alpha: 0.05, beta: 0.9495 },
      { symbol: 'C', omega: 1e-12, alpha: 0.1, beta: 0.8 },
    ];
    const w = garchFitWarnings(fits, [1e-4, 1e-4, 1e-4]);
    expect(w.map((f) => `${f.code}:${f.symbol}`)).toEqual(['garch-persistence:B', 'garch-omega-zero:C']);
    expect(w[0].details).toMatchObject({ persistence: 0.9995 });
    expect(findingsProblem(w)).toBeUndefined();
  });

  it('a fit on real returns carries a well-formed (here empty) list', async () => {
    const r = toLogReturns(sliceDates(selectSymbols(await readPricesCsv(DOWJONES), ['AA', 'KO']), { last: 1001 }));
    const model = await fhsModel.fit(r, {}, { seed: 1 });
    expect(model.fitInfo.warnings).toEqual([]);
  });
});

describe('gaussian: a repaired covariance', () => {
  it('more assets than returns: the repair is a warning', async () => {
    const rng = new Rng(4);
    const n = 30;
    const A = 40;
    const values = Float64Array.from({ length: n * A }, () => 0.01 * rng.normal());
    const symbols = Array.from({ length: A }, (_, a) => `S${a}`);
    const model = await gaussianModel.fit({ dates: dates(n), symbols, values }, {}, { seed: 1 });
    expect(model.fitInfo.warnings).toEqual([expect.objectContaining({ code: 'covariance-repaired', severity: 'warn' })]);
    expect(model.fitInfo.warnings?.[0].message).toMatch(/^gaussian: the sample covariance is not positive definite \(30 returns for 40 assets\); 11 eigenvalues clipped/);
    expect(gaussianFitWarnings(undefined, 3, 100)).toEqual([]);
  });
});
