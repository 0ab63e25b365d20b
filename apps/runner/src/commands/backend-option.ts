import { Option } from 'commander';
import { BACKEND_CHOICES, initBackend, type BackendChoice, type BackendInfo } from '@tailforge/core';
import type { Logger } from '../log/logger.js';

/** `--backend auto|tensorflow|wasm|cpu`, shared by the commands that may run TensorFlow.js models. */
export function backendOption(): Option {
  return new Option('--backend <name>', 'TensorFlow.js backend for models that need it: auto tries tensorflow-gpu (tfjs-node-gpu), tensorflow (tfjs-node), wasm, then cpu; `tailforge doctor` shows which load')
    .choices([...BACKEND_CHOICES])
    .default('auto');
}

/**
 * Starts an explicitly chosen backend now, so an unavailable one fails before
 * any work; `auto` is left to the first model that needs TensorFlow.
 */
export async function startBackend(choice: BackendChoice, log: Logger, needed = false): Promise<BackendInfo | undefined> {
  if (choice === 'auto' && !needed) return undefined;
  const info = await initBackend(choice);
  const skipped = info.skipped.map((s) => `${s.name} unavailable: ${s.reason}`).join('; ');
  log.info('backend', `TensorFlow.js backend: ${info.name}${skipped ? ` (${skipped})` : ''}`, { backend: info.name, skipped: info.skipped });
  return info;
}
