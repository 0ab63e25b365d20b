import { portfolioFromData } from '../src/portfolio/read-portfolio.js';

describe('portfolio liquidityHorizon field', () => {
  it('is read when given and absent otherwise', () => {
    const p = portfolioFromData({ positions: [{ symbol: 'IBM', quantity: 10, liquidityHorizon: 40 }, { symbol: 'KO', marketValue: 5 }] }, 'p.json');
    expect(p.positions[0].liquidityHorizon).toBe(40);
    expect('liquidityHorizon' in p.positions[1]).toBe(false);
  });

  it.each([[15], [0], ['20'], [null]])('rejects %p with the key path and the allowed values', (v) => {
    expect(() => portfolioFromData({ positions: [{ symbol: 'IBM', quantity: 10, liquidityHorizon: v }] }, 'p.json')).toThrow(
      /positions\[0\]\.liquidityHorizon.*one of 10, 20, 40, 60, 120/,
    );
  });
});
