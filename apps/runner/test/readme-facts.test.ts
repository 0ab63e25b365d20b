import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOB_PHASES } from '../src/batch/batch-state.js';
import { ROOT } from './helpers.js';

/** Facts the README states that the code decides: they must agree (issue 13 item 18). */
describe('README facts', () => {
  it('lists exactly the job statuses batch-state.json holds', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('`batch-state.json` (rewritten atomically');
    expect(at).toBeGreaterThan(0);
    const sentence = readme.slice(at, readme.indexOf(')', at));
    const named = [...sentence.matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
    expect(named).toEqual([...JOB_PHASES]);
  });
});
