import { ModelError } from '../errors.js';
import type { ModelFactory } from './model.js';

/**
 * Models register by name; the runner and the scenario generator look them up
 * here and never import a model directly, so a new model plugs in without
 * touching them. Each entry remembers where the model came from (built in, or
 * a plugin), for listings, error messages and job keys.
 */

/** Where a registered model comes from: a plugin as the user named it and the module file it was loaded from. */
export interface ModelOrigin {
  readonly plugin: string;
  readonly file: string;
}

const factories = new Map<string, { factory: ModelFactory; origin?: ModelOrigin }>();

/**
 * Registers a model type. Registering a second factory under a taken name is
 * an error unless `replace` is set; registering the same factory again is a
 * no-op (a plugin loaded twice).
 */
export function registerModel(factory: ModelFactory, options: { replace?: boolean; origin?: ModelOrigin } = {}): void {
  if (!/^[a-z][a-z0-9-]*$/.test(factory.name)) {
    throw new ModelError(`model name "${factory.name}" must be lower-case letters, digits and dashes`);
  }
  const taken = factories.get(factory.name);
  if (taken !== undefined && taken.factory === factory && !options.replace) return;
  if (taken !== undefined && !options.replace) {
    const by = taken.origin !== undefined ? `by plugin ${taken.origin.plugin}` : 'built in';
    throw new ModelError(`a model named "${factory.name}" is already registered (${by})`);
  }
  factories.set(factory.name, { factory, ...(options.origin !== undefined ? { origin: options.origin } : {}) });
}

/** The factory registered under `name`, or a ModelError listing the known names. */
export function getModel(name: string): ModelFactory {
  const f = factories.get(name);
  if (f === undefined) {
    throw new ModelError(
      `unknown model "${name}"; known models: ${listModels().map((m) => m.name).join(', ')} ` +
        '(a plugin\'s models are known once it is loaded: --plugin, or plugins: in a batch config)',
    );
  }
  return f.factory;
}

export function hasModel(name: string): boolean {
  return factories.has(name);
}

/** Registered factories, sorted by name. */
export function listModels(): ModelFactory[] {
  return [...factories.values()].map((e) => e.factory).sort((a, b) => a.name.localeCompare(b.name));
}

/** The plugin a registered model came from; undefined for built-in (or unknown) models. */
export function modelOrigin(name: string): ModelOrigin | undefined {
  return factories.get(name)?.origin;
}

/** `model NAME`, plus `(plugin P)` for a plugin's model: how errors name a model. */
export function modelLabel(name: string): string {
  const origin = modelOrigin(name);
  return origin === undefined ? `model ${name}` : `model ${name} (plugin ${origin.plugin})`;
}
