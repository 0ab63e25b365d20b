import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '@tailforge/core';

/**
 * Hypothetical shock scenarios, read from a JSON or YAML file:
 *
 * ```yaml
 * scenarios:
 *   - name: Tech crash            # required, unique
 *     description: Hardware and software sell off
 *     apply: alone                # alone (default): the shock is the whole path;
 *                                 # on-paths: added to every model path (the shocked distribution)
 *     shocks:
 *       - symbol: MSFT            # one symbol ...
 *         return: -0.30           # simple return of the move, > -1 (-0.30 = -30%)
 *       - symbols: [INTC, IBM]    # ... or a group (a sector)
 *         return: -0.20
 *         day: 1                  # first day of the move, 1-based (default 1: an instant shock)
 *         days: 1                 # spread over this many days, equal log steps (default 1)
 * ```
 *
 * A scenario may also move implied volatilities: `vol: +0.10` adds 0.10 to
 * every option's implied volatility (floored at 0); `shocks` may then be left out.
 *
 * A symbol the portfolio does not hold is an error (a typo would silently shock nothing).
 */
export interface ShockMove {
  readonly symbols: readonly string[];
  /** Simple return of the whole move, > −1. */
  readonly return: number;
  /** First day, 1-based. */
  readonly day: number;
  /** Days the move is spread over. */
  readonly days: number;
}

export interface ShockScenario {
  readonly name: string;
  readonly description?: string;
  readonly apply: 'alone' | 'on-paths';
  readonly shocks: readonly ShockMove[];
  /** Added to every option position's implied volatility (e.g. 0.10 = ten vol points); absent: unchanged. */
  readonly vol?: number;
}

export async function readScenarioFile(file: string): Promise<ShockScenario[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'scenario file not found' : `cannot read scenario file (${code ?? String(err)})`, { file });
  }
  let doc: unknown;
  try {
    doc = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputError(`not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'} (${(err as Error).message.split('\n')[0]})`, { file });
  }
  return parseScenarios(doc, file);
}

/** Validates a parsed scenario document; errors name the file and the key path (`scenarios[1].shocks[0].return`). */
export function parseScenarios(doc: unknown, file: string): ShockScenario[] {
  const fail = (key: string, reason: string): never => {
    throw new InputError(reason, { file, column: key });
  };
  if (!isObject(doc)) return fail('(top level)', 'expected a mapping with a "scenarios" list');
  const list = doc.scenarios;
  if (!Array.isArray(list) || list.length === 0) return fail('scenarios', 'expected a non-empty list of scenarios');
  checkKeys(doc, ['scenarios'], '', fail);
  const names = new Set<string>();
  return list.map((raw, i): ShockScenario => {
    const at = `scenarios[${i}]`;
    if (!isObject(raw)) return fail(at, 'expected a mapping with "name" and "shocks"');
    checkKeys(raw, ['name', 'description', 'apply', 'shocks', 'vol'], `${at}.`, fail);
    const vol = raw.vol;
    if (vol !== undefined && (typeof vol !== 'number' || !Number.isFinite(vol))) fail(`${at}.vol`, `expected a change of implied volatility (e.g. 0.10 for +10 vol points), found ${JSON.stringify(vol)}`);
    if (vol !== undefined && raw.shocks === undefined) raw.shocks = [];
    const name = raw.name;
    if (typeof name !== 'string' || name.trim() === '') return fail(`${at}.name`, 'expected a non-empty string');
    if (names.has(name)) fail(`${at}.name`, `duplicate scenario name "${name}"`);
    names.add(name);
    if (raw.description !== undefined && typeof raw.description !== 'string') fail(`${at}.description`, 'expected a string');
    const apply = (raw.apply ?? 'alone') as ShockScenario['apply'];
    if (apply !== 'alone' && apply !== 'on-paths') fail(`${at}.apply`, `expected "alone" or "on-paths", found ${JSON.stringify(apply)}`);
    if (!Array.isArray(raw.shocks) || (raw.shocks.length === 0 && vol === undefined)) return fail(`${at}.shocks`, 'expected a non-empty list of shocks');
    const shocks = raw.shocks.map((s, j): ShockMove => {
      const sat = `${at}.shocks[${j}]`;
      if (!isObject(s)) return fail(sat, 'expected a mapping with "symbol" (or "symbols") and "return"');
      checkKeys(s, ['symbol', 'symbols', 'return', 'day', 'days'], `${sat}.`, fail);
      if ((s.symbol === undefined) === (s.symbols === undefined)) fail(sat, 'give exactly one of "symbol" or "symbols"');
      const symbols = s.symbol !== undefined ? [s.symbol] : s.symbols;
      if (!Array.isArray(symbols) || symbols.length === 0 || symbols.some((x) => typeof x !== 'string' || x.trim() === '')) {
        fail(`${sat}.${s.symbol !== undefined ? 'symbol' : 'symbols'}`, 'expected a symbol name or a non-empty list of them');
      }
      const r = s.return;
      if (typeof r !== 'number' || !Number.isFinite(r) || r <= -1) fail(`${sat}.return`, `expected a simple return greater than -1 (e.g. -0.3 for -30%), found ${JSON.stringify(r)}`);
      const day = s.day ?? 1;
      const days = s.days ?? 1;
      if (!Number.isInteger(day) || (day as number) < 1) fail(`${sat}.day`, `expected a whole number >= 1, found ${JSON.stringify(day)}`);
      if (!Number.isInteger(days) || (days as number) < 1) fail(`${sat}.days`, `expected a whole number >= 1, found ${JSON.stringify(days)}`);
      return { symbols: (symbols as string[]).map((x) => x.trim()), return: r as number, day: day as number, days: days as number };
    });
    return { name: name.trim(), ...(typeof raw.description === 'string' ? { description: raw.description } : {}), apply, shocks, ...(typeof vol === 'number' ? { vol } : {}) };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkKeys(o: Record<string, unknown>, allowed: readonly string[], prefix: string, fail: (key: string, reason: string) => never): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${prefix}${k}`, `unknown key; expected one of ${allowed.join(', ')}`);
}
