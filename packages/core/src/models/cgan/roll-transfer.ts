import { Generator, type NetworkConfig } from './networks.js';
import type { FactorStructure } from './factor-structure.js';
import type { GeneratorParts } from './sampler.js';

/**
 * What a sampling thread needs to roll paths as this one does: the generator
 * parts as plain data (typed arrays and records, which structured clone
 * copies), without the TF.js variables, which live in one thread only.
 */
export interface TransferableParts extends Omit<GeneratorParts, 'generators' | 'discriminatorWeights'> {
  readonly members: readonly { readonly config: NetworkConfig; readonly weights: Record<string, Float32Array>; readonly factor?: FactorStructure }[];
}

export function toTransferable(parts: GeneratorParts): TransferableParts {
  const { generators, discriminatorWeights: _unused, ...rest } = parts;
  return { ...rest, members: generators.map((g) => ({ config: g.config, weights: g.weights(), ...(g.factor !== undefined ? { factor: g.factor } : {}) })) };
}

/** The parts again, with generators on this thread's TF.js backend (the caller disposes them). */
export function fromTransferable(t: TransferableParts): GeneratorParts {
  const { members, ...rest } = t;
  return { ...rest, generators: members.map((m) => new Generator(m.config, m.weights, m.factor)) };
}
