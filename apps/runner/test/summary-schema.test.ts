import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SUMMARY_SCHEMA, SUMMARY_SCHEMA_VERSION } from '@tailforge/engine';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

const SCHEMA_FILE = join(ROOT, 'apps/runner/schemas/summary.v1.schema.json');

describe('summary.json against its JSON Schema (schemas/summary.v1.schema.json)', () => {
  let validate: ReturnType<InstanceType<typeof Ajv2020>['compile']>;
  let summary: Record<string, unknown>;
  beforeAll(async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (a: InstanceType<typeof Ajv2020>) => void)(ajv);
    validate = ajv.compile(JSON.parse(await readFile(SCHEMA_FILE, 'utf8')));
    const dir = await tempDir();
    // A long/short book sized both ways, forward-filled data: every optional shape shows up.
    const p = await writeTemp(dir, 'p.json', JSON.stringify({ name: 'schema check', positions: [{ symbol: 'IBM', quantity: 100 }, { symbol: 'KO', marketValue: -2000 }] }));
    const out = join(dir, 'out');
    expect((await cli('run', '--portfolio', p, '--prices', PRICES, '--paths', '300', '--missing', 'ffill', '--out', out, '--quiet')).code).toBe(0);
    summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  });

  it('the schema file names the version the code writes', async () => {
    const schema = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    expect(schema.properties.schema.const).toBe(SUMMARY_SCHEMA);
    expect(schema.properties.schemaVersion.const).toBe(SUMMARY_SCHEMA_VERSION);
  });

  it('every *Pct field is documented as a fraction, not a percentage (issue 13 item 18)', async () => {
    const schema = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    const pct: Array<[string, unknown]> = [];
    const walk = (o: unknown, at: string): void => {
      if (Array.isArray(o)) o.forEach((v, i) => walk(v, `${at}/${i}`));
      else if (o !== null && typeof o === 'object') {
        const props = (o as { properties?: Record<string, { description?: unknown }> }).properties;
        if (props !== undefined) for (const [k, v] of Object.entries(props)) if (k.endsWith('Pct')) pct.push([`${at}/${k}`, v.description]);
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      }
    };
    walk(schema, '');
    expect(pct.length).toBeGreaterThanOrEqual(7);
    for (const [at, description] of pct) expect([at, String(description)]).toEqual([at, expect.stringContaining('FRACTION')]);
  });

  it('a real summary.json is valid', () => {
    const ok = validate(summary);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects what breaks the contract: another version, a confidence of 1.5, a missing figure', () => {
    const risk = summary.risk as Array<Record<string, unknown>>;
    expect(validate({ ...summary, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...summary, risk: [{ ...risk[0], confidence: 1.5 }] })).toBe(false);
    const { es: _es, ...noEs } = risk[0];
    expect(validate({ ...summary, risk: [noEs] })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/risk/0', message: "must have required property 'es'" });
    // Added fields are allowed within a version.
    expect(validate({ ...summary, somethingNew: { x: 1 } })).toBe(true);
  });

  it('warnings[] is validated: a real run\'s warnings pass, a malformed finding fails', () => {
    // 300 paths at 99% is 3 tail paths: the run carries a few-tail-paths warning.
    const warnings = summary.warnings as Array<Record<string, unknown>>;
    expect(warnings.map((w) => w.code)).toContain('few-tail-paths');
    expect(validate(summary)).toBe(true);
    expect(validate({ ...summary, warnings: [{ ...warnings[0], severity: 'fatal' }] })).toBe(false);
    expect(validate({ ...summary, warnings: [{ ...warnings[0], message: 'two\nlines' }] })).toBe(false);
    expect(validate({ ...summary, warnings: [{ code: 'x', severity: 'warn' }] })).toBe(false);
    expect(validate({ ...summary, warnings: [{ code: 'x', severity: 'warn', message: 'm', dates: ['2001-13-45x'] }] })).toBe(false);
  });

  it('a Cornish–Fisher reference may be not applicable (null figures), but not half of it', () => {
    const refs = summary.references as { cornishFisher: Array<Record<string, unknown>> };
    const na = { confidence: 0.99, var: null, es: null, varPct: null, esPct: null, applicable: false };
    expect(validate({ ...summary, references: { ...refs, cornishFisher: [refs.cornishFisher[0], na] } })).toBe(true);
    expect(validate({ ...summary, references: { ...refs, cornishFisher: [{ ...na, es: 5 }] } })).toBe(false);
  });

  it('anomaly is today\'s score and percentile, or null', () => {
    const a = summary.anomaly as Record<string, number>;
    expect(a.percentile).toBeGreaterThanOrEqual(0);
    expect(a.percentile).toBeLessThanOrEqual(1);
    expect(validate({ ...summary, anomaly: null })).toBe(true);
    expect(validate({ ...summary, anomaly: { ...a, percentile: 1.5 } })).toBe(false);
  });
});
