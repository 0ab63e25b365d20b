import { describe, it, expect } from '@jest/globals';
import { modelCard, Rng, type CganWarning, type MemberRisk } from '@tailforge/core';
import { ensembleSpread, modelCardSection, modelWarnings } from '@tailforge/report';

const risk: MemberRisk[] = [
  { state: 'p50', date: '1995-06-27', var99: [0.04, 0.05, 0.06], es99: [0.05, 0.06, 0.08], mixtureVar99: 0.051, mean20: 0.01, sd20: 0.03 },
  { state: 'p99', date: '1997-11-18', var99: [0.1, 0.1, 0.1], es99: [0.12, 0.13, 0.14], mixtureVar99: 0.1, mean20: 0.01, sd20: 0.06 },
];
const warnings: CganWarning[] = [
  { code: 'cgan.ensemble-disagreement', severity: 'warn', message: 'members disagree <a lot>', details: { cv: 0.2 } },
];

/** Small window sets: 40 windows of 5 days × 2 assets, Gaussian. */
function windows(seed: number): { values: Float64Array; nWindows: number; horizon: number; nAssets: number } {
  const rng = new Rng(seed);
  return { values: Float64Array.from({ length: 40 * 5 * 2 }, () => 0.01 * rng.normal()), nWindows: 40, horizon: 5, nAssets: 2 };
}

describe('model card: the model\'s warnings and the ensemble spread', () => {
  it('ensembleSpread: each member\'s VaR / ES, the ranges and the coefficient of variation (by hand)', () => {
    const html = ensembleSpread(risk);
    expect(html).toContain('<th>member 3</th>');
    expect(html).toContain('<td>4.00% / 5.00%</td><td>5.00% / 6.00%</td><td>6.00% / 8.00%</td>');
    expect(html).toContain('<td>5.10%</td><td>4.00% – 6.00%</td><td>5.00% – 8.00%</td>');
    // sd of (4, 5, 6)% is 1%, over the mean 5%: 20.0%; identical members: 0.0%.
    expect(html).toContain('<td>20.0%</td>');
    expect(html).toContain('<td>0.0%</td>');
    // One member, or none: no table.
    expect(ensembleSpread([{ ...risk[0], var99: [0.05], es99: [0.06] }])).toBe('');
    expect(ensembleSpread(undefined)).toBe('');
  });

  it('modelWarnings lists code, severity and escaped message; nothing without warnings', () => {
    const html = modelWarnings(warnings);
    expect(html).toContain('<b>cgan.ensemble-disagreement</b> (warn): members disagree &lt;a lot&gt;');
    expect(html).toContain('Model warnings (1)');
    expect(modelWarnings([])).toBe('');
    expect(modelWarnings(undefined)).toBe('');
  });

  it('the model card section carries both when given, neither when not', async () => {
    const card = modelCard(windows(1), [{ name: 'cgan', windows: windows(2) }, { name: 'bootstrap', windows: windows(3) }], 3);
    const ctx = { symbols: ['A', 'B'], realDescription: 'test days' };
    const plain = await modelCardSection(card, ctx);
    expect(plain).not.toContain('Model warnings');
    expect(plain).not.toContain('ensemble-spread');
    const full = await modelCardSection(card, { ...ctx, warnings, memberRisk: risk });
    expect(full).toContain('Model warnings (1)');
    expect(full).toContain('class="ensemble-spread"');
    expect(full.indexOf('Model warnings')).toBeLessThan(full.indexOf('Real windows'));
  });
});
