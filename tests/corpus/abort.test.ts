import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { BUNDLED_CORPUS } from './fixtures.js';

describe('aborting a load', () => {
  it('stops with the abort reason instead of returning a partial corpus', async () => {
    const controller = new AbortController();
    controller.abort(new Error('reload superseded'));
    await expect(loadCorpus(BUNDLED_CORPUS, { signal: controller.signal })).rejects.toThrow('reload superseded');
  });

  it('stops a load already under way, never reporting the abort as a bad file', async () => {
    const controller = new AbortController();
    const load = loadCorpus(BUNDLED_CORPUS, { signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(load).rejects.toThrow('shutting down');
  });
});
