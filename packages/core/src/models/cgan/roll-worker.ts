import { parentPort } from 'node:worker_threads';
import { initBackend, type BackendName } from '../../tensorflow/backend.js';
import { fromTransferable, type TransferableParts } from './roll-transfer.js';
import { rollPaths, type GeneratorParts, type RollRequest } from './sampler.js';

/** Messages between the sampling pool (parallel-roll.ts) and one of its threads. */
export type ToRollWorker =
  | { readonly type: 'init'; readonly backend: BackendName }
  | { readonly type: 'roll'; readonly id: number; readonly key: string; readonly parts?: TransferableParts; readonly request: RollRequest };
export type FromRollWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'done'; readonly id: number; readonly values: Float32Array }
  | { readonly type: 'missing'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Models kept per thread (a nightly batch samples a few models over and over). */
const KEEP = 4;

if (parentPort !== null) {
  const port = parentPort;
  const models = new Map<string, GeneratorParts>();
  const send = (m: FromRollWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  port.on('message', (m: ToRollWorker) => {
    if (m.type === 'init') {
      initBackend(m.backend).then(
        (info) => send(info.name === m.backend ? { type: 'ready' } : { type: 'failed', message: `backend ${m.backend} gave ${info.name}` }),
        (err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    try {
      let parts = models.get(m.key);
      if (parts === undefined && m.parts === undefined) {
        send({ type: 'missing', id: m.id });
        return;
      }
      if (parts === undefined) {
        parts = fromTransferable(m.parts!);
        models.set(m.key, parts);
        if (models.size > KEEP) {
          const [oldest, old] = models.entries().next().value as [string, GeneratorParts];
          models.delete(oldest);
          for (const g of old.generators) g.dispose();
        }
      }
      const { values } = rollPaths(parts, m.request);
      send({ type: 'done', id: m.id, values }, [values.buffer as ArrayBuffer]);
    } catch (err) {
      send({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
