import { describeParam, MODEL_CONTRACT_VERSION, modelOrigin, type ModelFactory, type ParamType } from '@tailforge/core';

/** One model as `tailforge models --format json` lists it. */
export interface ModelListing {
  readonly name: string;
  readonly description: string;
  /** `built-in`, or the plugin as it was named. */
  readonly source: string;
  /** The plugin's module file, for plugin models. */
  readonly file?: string;
  readonly contractVersion: number | null;
  readonly capabilities: { conditional: boolean; tailSampling: boolean; weights: boolean; needsTensorflow: boolean };
  /** Fewest daily returns a fit accepts with the default parameters. */
  readonly minObservations: number | null;
  readonly parameters: ReadonlyArray<{
    readonly name: string;
    readonly type: ParamType;
    readonly default: number | string | boolean;
    /** What it accepts, in words (`a number in [0.5, 1)`). */
    readonly accepts: string;
    readonly min?: number;
    readonly max?: number;
    readonly exclusiveMin?: boolean;
    readonly exclusiveMax?: boolean;
    readonly values?: readonly string[];
    readonly description: string;
  }>;
}

/** What the registry knows about each model: for listings. */
export function describeModels(factories: readonly ModelFactory[]): ModelListing[] {
  return factories.map((f) => {
    const origin = modelOrigin(f.name);
    let minObservations: number | null = null;
    try {
      minObservations = f.minObservations({});
    } catch {
      // a model whose defaults do not resolve: listed, with no minimum
    }
    return {
      name: f.name,
      description: f.description,
      source: origin === undefined ? 'built-in' : `plugin ${origin.plugin}`,
      ...(origin !== undefined ? { file: origin.file } : {}),
      contractVersion: f.contractVersion ?? null,
      capabilities: {
        conditional: f.capabilities.conditional,
        tailSampling: f.capabilities.tailSampling,
        weights: f.capabilities.weights === true,
        needsTensorflow: f.capabilities.needsTensorflow,
      },
      minObservations,
      parameters: Object.entries(f.parameters).map(([name, p]) => ({
        name,
        type: p.type ?? (typeof p.default === 'boolean' ? 'boolean' : typeof p.default === 'number' ? 'number' : 'string'),
        default: p.default,
        accepts: describeParam(p),
        ...(p.min !== undefined ? { min: p.min } : {}),
        ...(p.max !== undefined ? { max: p.max } : {}),
        ...(p.exclusiveMin ? { exclusiveMin: true } : {}),
        ...(p.exclusiveMax ? { exclusiveMax: true } : {}),
        ...(p.values !== undefined ? { values: [...p.values] } : {}),
        description: p.description,
      })),
    };
  });
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: readonly string[]): string => indent + r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/**
 * The text listing: one table of models (source, capabilities, minimum data,
 * description), then each model's parameters (name, type, default, allowed
 * values, description).
 */
export function formatModelsText(models: readonly ModelListing[]): string {
  const overview = table(
    ['model', 'source', 'conditional', 'tail sampling', 'weights', 'TensorFlow', 'min data', 'description'],
    models.map((m) => [
      m.name,
      m.source,
      yesNo(m.capabilities.conditional),
      yesNo(m.capabilities.tailSampling),
      yesNo(m.capabilities.weights),
      yesNo(m.capabilities.needsTensorflow),
      m.minObservations === null ? '?' : `${m.minObservations} days`,
      m.description,
    ]),
  );
  const details = models.map((m) =>
    m.parameters.length === 0
      ? `${m.name}: no parameters`
      : `${m.name} parameters (--model-param name=value):\n${table(
          ['name', 'type', 'default', 'accepts', 'description'],
          m.parameters.map((p) => [p.name, p.type, String(p.default), p.accepts, p.description]),
          '  ',
        )}`,
  );
  return `${overview}\n\n${details.join('\n\n')}\n\nmodel contract version ${MODEL_CONTRACT_VERSION}\n`;
}

/** The JSON listing, schema `tailforge.models` v1. */
export function formatModelsJson(models: readonly ModelListing[]): string {
  return `${JSON.stringify({ schema: 'tailforge.models', schemaVersion: 1, contractVersion: MODEL_CONTRACT_VERSION, models }, null, 2)}\n`;
}
