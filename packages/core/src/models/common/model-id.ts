import { createHash } from 'node:crypto';
import type { ParamValue } from './params.js';

/**
 * Id of a fitted model: `${name}-${h}` where h is the first 12 hex digits of
 * sha256(name + JSON of the parameters with sorted keys + data hash). Same
 * model type, parameters and data give the same id; anything else differs.
 */
export function modelId(name: string, params: Readonly<Record<string, ParamValue>>, dataHash: string): string {
  const sorted: Record<string, ParamValue> = {};
  for (const k of Object.keys(params).sort()) sorted[k] = params[k];
  const h = createHash('sha256').update(name + JSON.stringify(sorted) + dataHash).digest('hex');
  return `${name}-${h.slice(0, 12)}`;
}
