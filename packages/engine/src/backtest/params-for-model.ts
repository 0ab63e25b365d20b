import type { RawParams } from '@tailforge/core';

/**
 * The parameters one model gets from a set given for several: a plain key
 * (`epochs`) goes to every model, a key scoped with a model name
 * (`cgan.epochs`) only to that model, without its prefix. Lets a backtest or
 * batch job compare models whose parameters differ.
 *
 * @example
 * paramsForModel('cgan', { 'cgan.epochs': 5, 'fhs.meanZero': true }); // => { epochs: 5 }
 */
export function paramsForModel(model: string, raw: RawParams): RawParams {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(raw)) {
    const dot = k.indexOf('.');
    if (dot < 0) out[k] = v;
    else if (k.slice(0, dot) === model) out[k.slice(dot + 1)] = v;
  }
  return out;
}
