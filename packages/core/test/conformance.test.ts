import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  assertConformance,
  bootstrapModel,
  cganModel,
  fhsModel,
  formatConformance,
  gaussianModel,
  runConformance,
  studentTModel,
  type ConformanceReport,
  type ModelFactory,
  type ScenarioModel,
} from '../src/index.js';
import { toyModel } from './helpers/toy-model.js';

const ALL_CHECKS = [
  'declaration',
  'fit',
  'shape',
  'finite',
  'same seed, same paths',
  'different seeds differ',
  'chunked = one-shot',
  'save / load',
  'fit warnings',
  'conditioning',
  'too little data',
  'unknown parameter',
  'bad parameter value',
];
const statusOf = (r: ConformanceReport): Record<string, string> => Object.fromEntries(r.checks.map((c) => [c.name, c.status]));
const allPass = (r: ConformanceReport, names = ALL_CHECKS) => Object.fromEntries(names.map((n) => [n, 'pass']));

describe('every built-in model passes the conformance kit on the shipped Dow Jones prices', () => {
  for (const factory of [bootstrapModel, gaussianModel, fhsModel, studentTModel]) {
    it(factory.name, async () => {
      const report = await runConformance(factory);
      assertConformance(report);
      expect(statusOf(report)).toEqual(allPass(report));
      expect(report.data).toMatchObject({ symbols: ['AA', 'IBM', 'KO', 'MSFT'], lastDate: '2001-01-02' });
      // The data holds max(300, minObservations + 20) returns.
      expect(report.data.observations).toBe(Math.max(300, factory.minObservations({}) + 20));
    });
  }

  it('cgan, fitted with tiny settings (1 epoch)', async () => {
    const report = await runConformance(cganModel, { params: { window: 5, stateWindow: 5, latentDim: 2, hidden: 8, epochs: 1 } });
    assertConformance(report);
    expect(statusOf(report)).toEqual(allPass(report));
    expect(report.checks.find((c) => c.name === 'conditioning')?.detail).toBe('accepts a state (6 values); defaultState = no state');
  });

  it('cgan, the shipped trained model (examples/models/cgan-dow)', async () => {
    const modelDir = join(import.meta.dirname, '../../../examples/models/cgan-dow');
    const report = await runConformance(cganModel, { modelDir });
    assertConformance(report);
    expect(statusOf(report)).toEqual({ ...allPass(report, ALL_CHECKS.filter((n) => n !== 'fit')), 'load saved model': 'pass' });
  });
});

describe('the kit catches what breaks the contract', () => {
  it('passes a correct model', async () => {
    const report = await runConformance(toyModel('toy-good'));
    expect(report.passed).toBe(true);
    expect(report.failures).toEqual([]);
  });

  it.each([
    ['toy-chunks', { ignoreFirstPath: true }, 'chunked = one-shot', /paths drawn as 14 \+ 26 \(firstPath 14\) differ from one draw at value 336 \(path 14\)/], // 14 paths × 6 days × 4 assets,
    ['toy-seedless', { ignoreSeed: true }, 'different seeds differ', /seeds 7 and 8 gave identical paths/],
    ['toy-reload', { loadDoubles: true }, 'save / load', /the reloaded model draws other paths \(first difference at value 0\)/],
    ['toy-stateless', { conditional: true }, 'conditioning', /a conditional model must expose defaultState/],
  ] as const)('%s fails exactly its check', async (name, defects, check, detail) => {
    const report = await runConformance(toyModel(name, defects));
    expect(report.passed).toBe(false);
    expect(report.failures.map((c) => c.name)).toEqual([check]);
    expect(report.failures[0].detail).toMatch(detail);
    expect(() => assertConformance(report)).toThrow(`model ${name} fails the model contract:\n  ${check}: `);
    const table = formatConformance(report);
    expect(table).toMatch(new RegExp(`^${check.replace(/[()=/+]/g, '\\$&')}\\s+FAIL\\s+\\d+ ms\\s+`, 'm'));
    expect(table.trim().split('\n').pop()).toBe(`1 of 13 checks failed: ${check}`);
  });

  it('malformed fit warnings: the contract refuses the fit; the kit fails a model that bypasses the contract', async () => {
    const report = await runConformance(toyModel('toy-warns', { badWarnings: true }));
    expect(report.failures[0]).toMatchObject({ name: 'fit', status: 'fail' });
    expect(report.failures[0].detail).toMatch(/toy-warns: fit returned malformed fitInfo\.warnings \(warnings\[0\]: code "Too Wide" is not a non-empty word without spaces\)/);
    // A factory not made by defineModel (no contract in between): the kit's own check catches it.
    const inner = toyModel('toy-raw');
    const bad = { code: 'ok-code', severity: 'alarm', message: 'x' };
    const wrap = (m: ScenarioModel): ScenarioModel =>
      new Proxy(m, { get: (t, k) => (k === 'fitInfo' ? { ...t.fitInfo, warnings: [bad] } : Reflect.get(t, k)) });
    const raw: ModelFactory = {
      ...inner,
      fit: async (r, p, c) => wrap(await inner.fit(r, p, c)),
      load: async (d) => wrap(await inner.load(d)),
    };
    const r2 = await runConformance(raw);
    expect(r2.failures.map((c) => c.name)).toEqual(['fit warnings']);
    expect(r2.failures[0].detail).toBe('fitInfo.warnings is malformed: warnings[0]: severity "alarm" is not one of info, warn, error');
  });

  it('a prices file that is not there fails the fit, with the reason', async () => {
    const report = await runConformance(toyModel('toy-nodata'), { prices: '/no/such/prices.csv' });
    expect(report.passed).toBe(false);
    expect(report.failures[0]).toMatchObject({ name: 'fit', status: 'fail' });
    expect(report.failures[0].detail).toMatch(/no data: .*prices\.csv/);
  });
});
