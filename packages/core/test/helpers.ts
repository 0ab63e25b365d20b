import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import { InputError } from '../src/errors.js';

/** Path of a file in test/fixtures. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export const DOWJONES = fileURLToPath(new URL('../../../examples/dowjones30_prices.csv', import.meta.url));

/** The InputError `run` throws (sync or async); fails the test if it throws nothing or something else. */
export async function inputError(run: () => unknown): Promise<InputError> {
  let thrown: unknown;
  try {
    await run();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected an InputError, nothing was thrown');
  expect(thrown).toBeInstanceOf(InputError);
  return thrown as InputError;
}
