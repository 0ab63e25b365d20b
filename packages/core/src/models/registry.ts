import { ModelError } from '../errors.js';
import type { ModelFactory } from './model.js';

/**
 * Models register by name; the runner and the scenario generator look them up
 * here and never import a model directly, so a new model plugs in without
 * touching them.
 */
const factories = new Map<string, ModelFactory>();

/** Registers a model type. Registering a second factory under a taken name is an error unless `replace` is set. */
export function registerModel(factory: ModelFactory, options: { replace?: boolean } = {}): void {
  if (!/^[a-z][a-z0-9-]*$/.test(factory.name)) {
    throw new ModelError(`model name "${factory.name}" must be lower-case letters, digits and dashes`);
  }
  if (factories.has(factory.name) && !options.replace) {
    throw new ModelError(`a model named "${factory.name}" is already registered`);
  }
  factories.set(factory.name, factory);
}

/** The factory registered under `name`, or a ModelError listing the known names. */
export function getModel(name: string): ModelFactory {
  const f = factories.get(name);
  if (f === undefined) {
    throw new ModelError(`unknown model "${name}"; known models: ${listModels().map((m) => m.name).join(', ')}`);
  }
  return f;
}

export function hasModel(name: string): boolean {
  return factories.has(name);
}

/** Registered factories, sorted by name. */
export function listModels(): ModelFactory[] {
  return [...factories.values()].sort((a, b) => a.name.localeCompare(b.name));
}
