import type { ModelFactory } from '../model.js';

/** Parameter resolution lives with the model contract (contract/param-schema.ts); re-exported for the models' modules. */
export { paramError, resolveParams, type ParamValue } from '../contract/param-schema.js';
export type ParamTable = ModelFactory['parameters'];
