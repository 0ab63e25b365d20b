import { describe, expect, it } from '@jest/globals';
import {
  compareFindings,
  countBySeverity,
  findingProblem,
  findingsProblem,
  formatFinding,
  formatFindings,
  hasFindingsAtLeast,
  maxSeverity,
  sortFindings,
  type Finding,
} from '../src/index.js';

const f = (severity: Finding['severity'], code: string, extra: Partial<Finding> = {}): Finding => ({ code, severity, message: `${code} happened`, ...extra });

describe('findings', () => {
  it('sort errors first, then by code, symbol and first date', () => {
    const list = [f('info', 'b'), f('warn', 'z', { symbol: 'KO' }), f('error', 'y'), f('warn', 'z', { symbol: 'AA', dates: ['2001-01-02'] }), f('warn', 'a')];
    expect(sortFindings(list).map((x) => `${x.severity}:${x.code}:${x.symbol ?? ''}`)).toEqual(['error:y:', 'warn:a:', 'warn:z:AA', 'warn:z:KO', 'info:b:']);
    expect(compareFindings(list[0], list[0])).toBe(0);
  });

  it('count, the most severe and the strict test', () => {
    const list = [f('info', 'a'), f('warn', 'b'), f('info', 'c')];
    expect(countBySeverity(list)).toEqual({ info: 2, warn: 1, error: 0 });
    expect(maxSeverity(list)).toBe('warn');
    expect(maxSeverity([])).toBeUndefined();
    expect(hasFindingsAtLeast(list)).toBe(true);
    expect(hasFindingsAtLeast(list, 'error')).toBe(false);
    expect(hasFindingsAtLeast([f('info', 'a')])).toBe(false);
  });

  it('format one line each and a count', () => {
    expect(formatFinding(f('warn', 'stale-run'))).toBe('warn   stale-run          stale-run happened');
    expect(formatFindings([])).toBe('no findings\n');
    expect(formatFindings([f('info', 'a'), f('warn', 'b')])).toBe('warn   b                  b happened\ninfo   a                  a happened\n1 warn, 1 info\n');
  });

  it('well-formed findings pass, each malformation is named', () => {
    expect(findingProblem(f('warn', 'dof-at-bound', { symbol: 'KO', dates: ['2008-09-15'], details: { dof: 2.1, why: 'x' } }))).toBeUndefined();
    expect(findingProblem(null)).toBe('not an object');
    expect(findingProblem({ ...f('warn', 'a'), extra: 1 })).toBeUndefined();
    expect(findingProblem(f('warn', 'Bad Code'))).toMatch(/not a non-empty word without spaces/);
    expect(findingProblem(f('warn', ''))).toMatch(/not a non-empty word without spaces/);
    expect(findingProblem({ ...f('warn', 'a'), severity: 'alarm' })).toMatch(/severity "alarm" is not one of info, warn, error/);
    expect(findingProblem({ ...f('warn', 'a'), message: 'two\nlines' })).toMatch(/single line/);
    expect(findingProblem(f('warn', 'a', { dates: ['15/09/2008'] }))).toMatch(/YYYY-MM-DD/);
    expect(findingProblem(f('warn', 'a', { details: { x: NaN } }))).toMatch(/details.x/);
    expect(findingsProblem([f('info', 'a'), { code: 'b' }])).toMatch(/^warnings\[1\]: severity/);
    expect(findingsProblem('x')).toBe('not a list');
  });
});
