import { describe, expect, it } from 'vitest';
import { recoverNpmFlags } from '../../src/terminal/npm-flags.js';

const underNpm = { npm_lifecycle_event: 'ask' };

describe('options npm run swallowed', () => {
  it('takes --corpus DIR back from npm_config_corpus and the first word of the question', () => {
    const recovered = recoverNpmFlags({ ...underNpm, npm_config_corpus: 'true' }, ['corpus', 'what did Putin say']);
    expect(recovered).toMatchObject({ corpus: 'corpus', positionals: ['what did Putin say'] });
    expect(recovered.notes[0]).toContain('npm took --corpus corpus for itself');
    expect(recovered.notes[0]).toContain('npm run ask -- --corpus corpus');
  });

  it('takes back --json and --all', () => {
    expect(recoverNpmFlags({ ...underNpm, npm_config_json: 'true', npm_config_all: 'true' }, ['Putin'])).toMatchObject({ json: true, all: true, positionals: ['Putin'] });
  });

  it('says so when --corpus lost its folder and none exists under that name', () => {
    const recovered = recoverNpmFlags({ ...underNpm, npm_config_corpus: 'true' }, ['/nonexistent/quotedesk-folder', 'Putin']);
    expect(recovered.corpus).toBeUndefined();
    expect(recovered.positionals).toEqual(['/nonexistent/quotedesk-folder', 'Putin']);
    expect(recovered.notes.join(' ')).toContain('without a folder that exists');
  });

  it('changes nothing outside npm run, or when npm took nothing', () => {
    expect(recoverNpmFlags({ npm_config_json: 'true' }, ['Putin'])).toMatchObject({ json: false, notes: [] });
    expect(recoverNpmFlags(underNpm, ['Putin'])).toMatchObject({ json: false, all: false, notes: [], positionals: ['Putin'] });
  });
});
