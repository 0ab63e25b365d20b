import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@tailforge/core';
import { parseScenarios, readScenarioFile, shockMatrix, shockOnlyPath, shockPaths, type PathSet, type ShockScenario } from '@tailforge/scenarios';

const scenario = (shocks: ShockScenario['shocks'], apply: ShockScenario['apply'] = 'alone'): ShockScenario => ({ name: 's', apply, shocks });

describe('shockMatrix', () => {
  it('an instant −30% shock moves the price to exactly 0.7× on day 1 and nothing else', () => {
    const m = shockMatrix(scenario([{ symbols: ['B'], return: -0.3, day: 1, days: 1 }]), ['A', 'B'], 3);
    expect(Array.from(m)).toEqual([0, Math.log1p(-0.3), 0, 0, 0, 0]);
    expect(Math.exp(m[1])).toBeCloseTo(0.7, 15);
  });

  it('a move spread over days compounds to the stated return; moves on one asset compound', () => {
    const m = shockMatrix(
      scenario([
        { symbols: ['A', 'B'], return: -0.2, day: 2, days: 2 },
        { symbols: ['A'], return: 0.1, day: 3, days: 1 },
      ]),
      ['A', 'B'],
      4,
    );
    // A: ln(0.8)/2 on days 2 and 3, plus ln(1.1) on day 3 → price factor 0.8 × 1.1 = 0.88.
    const sumA = m[0] + m[2] + m[4] + m[6];
    const sumB = m[1] + m[3] + m[5] + m[7];
    expect(Math.exp(sumA)).toBeCloseTo(0.88, 14);
    expect(Math.exp(sumB)).toBeCloseTo(0.8, 14);
    expect(m[2]).toBeCloseTo(Math.log(0.8) / 2, 15);
    expect(m[0]).toBe(0);
  });

  it('names the scenario and move of an unknown symbol or a move past the horizon', () => {
    expect(() => shockMatrix(scenario([{ symbols: ['Z'], return: -0.1, day: 1, days: 1 }]), ['A'], 2, 'f.yaml')).toThrow(
      /f\.yaml, column scenario "s" shocks\[0\]: symbol "Z" is not in the portfolio/,
    );
    expect(() => shockMatrix(scenario([{ symbols: ['A'], return: -0.1, day: 2, days: 2 }]), ['A'], 2)).toThrow(/ends on day 3, after the 2-day horizon/);
  });
});

describe('applying shocks', () => {
  const base: PathSet = {
    values: Float32Array.of(0.01, -0.02, 0.03, 0.04, /* path 1 */ -0.01, 0, 0.02, -0.03),
    nPaths: 2,
    horizon: 2,
    nAssets: 2,
    symbols: ['A', 'B'],
    modelId: 'm',
    modelName: 'm',
    seed: 1,
    weights: Float64Array.of(0.25, 0.75),
  };

  it('on-paths adds the shock to every path exactly and keeps the weights', () => {
    const s = shockPaths(base, scenario([{ symbols: ['A'], return: -0.5, day: 1, days: 1 }], 'on-paths'));
    expect(s.values[0]).toBeCloseTo(0.01 + Math.log(0.5), 6);
    expect(s.values[4]).toBeCloseTo(-0.01 + Math.log(0.5), 6);
    expect(Array.from(s.values.subarray(1, 4))).toEqual(Array.from(base.values.subarray(1, 4)));
    expect(s.weights).toBe(base.weights);
    expect(s.state).toBe('s');
  });

  it('alone is a single path holding just the shock', () => {
    const p = shockOnlyPath(scenario([{ symbols: ['B'], return: 0.25, day: 2, days: 1 }]), ['A', 'B'], 2);
    expect(p.nPaths).toBe(1);
    expect(Array.from(p.values)).toEqual([0, 0, 0, Math.fround(Math.log(1.25))]);
  });
});

describe('scenario files', () => {
  it('reads YAML and JSON with defaults filled in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tailforge-shocks-'));
    const yaml = join(dir, 's.yaml');
    await writeFile(yaml, 'scenarios:\n  - name: Crash\n    shocks:\n      - symbol: IBM\n        return: -0.3\n      - symbols: [KO, MO]\n        return: -0.1\n        days: 3\n');
    const json = join(dir, 's.json');
    await writeFile(json, JSON.stringify({ scenarios: [{ name: 'Up', apply: 'on-paths', shocks: [{ symbol: 'IBM', return: 0.1 }] }] }));
    expect(await readScenarioFile(yaml)).toEqual([
      {
        name: 'Crash',
        apply: 'alone',
        shocks: [
          { symbols: ['IBM'], return: -0.3, day: 1, days: 1 },
          { symbols: ['KO', 'MO'], return: -0.1, day: 1, days: 3 },
        ],
      },
    ]);
    expect((await readScenarioFile(json))[0].apply).toBe('on-paths');
    await writeFile(join(dir, 'bad.yaml'), 'scenarios: [ {name: x\n');
    await expect(readScenarioFile(join(dir, 'bad.yaml'))).rejects.toThrow(/bad\.yaml: not valid YAML/);
    await expect(readScenarioFile(join(dir, 'none.yaml'))).rejects.toThrow(/none\.yaml: scenario file not found/);
  });

  it.each([
    [{}, 'column scenarios: expected a non-empty list'],
    [{ scenarios: [{ name: 'a', shocks: [{ symbol: 'X', return: -1.2 }] }] }, 'column scenarios[0].shocks[0].return: expected a simple return greater than -1'],
    [{ scenarios: [{ name: 'a', shocks: [{ symbol: 'X', symbols: ['Y'], return: -0.1 }] }] }, 'column scenarios[0].shocks[0]: give exactly one of "symbol" or "symbols"'],
    [{ scenarios: [{ name: 'a', shocks: [{ symbol: 'X', retrun: -0.1 }] }] }, 'column scenarios[0].shocks[0].retrun: unknown key'],
    [{ scenarios: [{ name: 'a', apply: 'sometimes', shocks: [{ symbol: 'X', return: 0 }] }] }, 'column scenarios[0].apply: expected "alone" or "on-paths"'],
    [{ scenarios: [{ name: 'a', shocks: [{ symbol: 'X', return: 0 }] }, { name: 'a', shocks: [{ symbol: 'X', return: 0 }] }] }, 'column scenarios[1].name: duplicate scenario name "a"'],
    [{ scenarios: [{ name: 'a', shocks: [{ symbol: 'X', return: 0, day: 0 }] }] }, 'column scenarios[0].shocks[0].day: expected a whole number >= 1'],
  ])('bad file %#: %s', (doc, message) => {
    expect(() => parseScenarios(doc, 'f.yaml')).toThrow(InputError);
    expect(() => parseScenarios(doc, 'f.yaml')).toThrow(`f.yaml, ${message}`);
  });
});
