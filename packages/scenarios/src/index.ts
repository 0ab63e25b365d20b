export type { PathSet } from './path-set.js';
export { generatePaths, type GenerateOptions } from './generate.js';
