import { describe, expect, it } from '@jest/globals';
import { assertConformance, cganModel, type CganModel, defineModel, MODEL_CONTRACT_VERSION, runConformance, type ModelFactory, type RawParams, type ReturnsMatrix } from '../src/index.js';

const TINY = { window: 5, stateWindow: 5, latentDim: 2, hidden: 8, epochs: 1 };

/** The first `n` rows of `r`. */
function head(r: ReturnsMatrix, n: number): ReturnsMatrix {
  const A = r.symbols.length;
  return { symbols: r.symbols, dates: r.dates.slice(0, n), values: r.values.slice(0, n * A) };
}

describe('warm refit (model contract: capabilities.warmStart + refit)', () => {
  it('cgan: a model warm-refitted on 20 more days passes the conformance kit', async () => {
    // The kit's fit becomes: a full fit on all but the last 20 days, then a warm refit on all days.
    const refitted: string[] = [];
    const warm: ModelFactory = {
      ...cganModel,
      async fit(returns: ReturnsMatrix, params: RawParams, context) {
        const previous = await cganModel.fit(head(returns, returns.dates.length - 20), params, context);
        const model = await cganModel.refit!(previous, returns, params, { ...context, epochs: 2 });
        refitted.push(model.id);
        expect(model.fitInfo.lastDate).toBe(returns.dates[returns.dates.length - 1]);
        expect(model.id).not.toBe(previous.id);
        return model;
      },
    };
    expect(cganModel.capabilities.warmStart).toBe(true);
    const report = await runConformance(warm, { params: TINY });
    assertConformance(report);
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(refitted.length).toBeGreaterThan(0);
  }, 300_000);

  it('continues from the previous weights: the warm model differs from a full fit with the same epochs', async () => {
    const { conformanceReturns } = await import('../src/conformance/conformance-data.js');
    const data = await conformanceReturns({ observations: 300 });
    const previous = await cganModel.fit(head(data, 280), TINY, { seed: 3 });
    const warm = await cganModel.refit!(previous, data, TINY, { seed: 3, epochs: 1 });
    const cold = await cganModel.fit(data, TINY, { seed: 3 });
    const a = await warm.sample({ nPaths: 20, horizon: 3, seed: 1 });
    const b = await cold.sample({ nPaths: 20, horizon: 3, seed: 1 });
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    // Bad requests are typed errors, not crashes.
    await expect(cganModel.refit!(previous, data, TINY, { seed: 3, epochs: 0 })).rejects.toThrow(/refit epochs must be a whole number >= 1/);
    await expect(cganModel.refit!(previous, data, { ...TINY, hidden: 9 }, { seed: 3 })).rejects.toThrow(/same symbols and network parameters/);
  }, 300_000);

  it('diagnostics: false (a backtest\'s interim fits) skips the model card and fit warnings, not the model: same id, same paths', async () => {
    const { conformanceReturns } = await import('../src/conformance/conformance-data.js');
    const data = await conformanceReturns({ observations: 300 });
    const full = (await cganModel.fit(data, TINY, { seed: 5 })) as CganModel;
    const lean = (await cganModel.fit(data, TINY, { seed: 5, diagnostics: false })) as CganModel;
    expect(full.trainingCard).toBeDefined();
    expect(full.training.memberRisk).toHaveLength(2);
    expect(lean.trainingCard).toBeUndefined();
    expect(lean.training.memberRisk).toBeUndefined();
    expect(lean.fitInfo.warnings).toEqual([]);
    expect(lean.id).toBe(full.id);
    const state = lean.stateAt(data, 250);
    const request = { nPaths: 50, horizon: 12, seed: 9, state };
    expect(await lean.sample(request)).toEqual(await full.sample(request));
    // A warm refit passes the setting on.
    const warm = (await cganModel.refit!(lean, data, TINY, { seed: 5, epochs: 1, diagnostics: false })) as CganModel;
    expect(warm.trainingCard).toBeUndefined();
  }, 300_000);

  it('defineModel: warmStart and refit go together', () => {
    const base = {
      contractVersion: MODEL_CONTRACT_VERSION,
      name: 'warm-test',
      description: 'test model',
      parameters: {},
      minObservations: () => 1,
      fit: async () => { throw new Error('unused'); },
      load: async () => { throw new Error('unused'); },
    };
    expect(() => defineModel({ ...base, capabilities: { conditional: false, tailSampling: false, needsTensorflow: false, warmStart: true } })).toThrow(/warmStart and a refit function go together/);
    expect(() => defineModel({ ...base, capabilities: { conditional: false, tailSampling: false, needsTensorflow: false }, refit: async (p) => p })).toThrow(/go together/);
    const ok = defineModel({ ...base, capabilities: { conditional: false, tailSampling: false, needsTensorflow: false } });
    expect(ok.refit).toBeUndefined();
  });
});
