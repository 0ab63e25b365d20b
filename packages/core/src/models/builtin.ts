import { bootstrapModel } from './bootstrap/bootstrap.js';
import { cganModel } from './cgan/cgan.js';
import { fhsModel } from './fhs/fhs.js';
import { gaussianModel } from './gaussian/gaussian.js';
import type { ModelFactory } from './model.js';
import { getModel, hasModel, registerModel } from './registry.js';
import { studentTModel } from './student-t/student-t.js';

const BUILTIN: readonly ModelFactory[] = [bootstrapModel, gaussianModel, cganModel, fhsModel, studentTModel];

/**
 * Registers the models that ship with core (`bootstrap`, `gaussian`, `cgan`,
 * `fhs`, `student-t`). Idempotent: calling it again is a no-op. A different factory already
 * registered under a built-in's name is an error (from the registry).
 */
export function registerBuiltinModels(): void {
  for (const f of BUILTIN) {
    if (hasModel(f.name) && getModel(f.name) === f) continue;
    registerModel(f);
  }
}
