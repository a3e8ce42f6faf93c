import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { expectRejected, makeTempCorpus, removeTempCorpus, seedText } from './fixtures.js';

describe('plain-text articles (.txt, " date YYYY-MM-DD " then the body)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });
  const seedBody = () => seedText().slice(' date 2024-11-08 '.length);

  it('takes the id from the file name and leaves title, source and url unknown', async () => {
    dir = await makeTempCorpus({ 'putin-valdai.txt': seedText() });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article).toMatchObject({ id: 'putin-valdai', title: null, source: null, url: null, date: '2024-11-08' });
  });

  it('accepts the prefix without its leading space', async () => {
    dir = await makeTempCorpus({ 'seed.txt': `date 2024-11-08 ${seedBody()}` });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article?.body).toBe(seedBody());
  });

  it('drops a byte order mark before the prefix', async () => {
    dir = await makeTempCorpus({ 'seed.txt': `\uFEFF${seedText()}` });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article?.date).toBe('2024-11-08');
    expect(article?.body).toBe(seedBody());
  });

  it('turns Windows CRLF line ends into \\n so paragraphs split the same way', async () => {
    dir = await makeTempCorpus({ 'seed.txt': seedText().replace(/\n/g, '\r\n') });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article?.body).toBe(seedBody());
  });

  it('accepts a line break instead of the space after the date', async () => {
    dir = await makeTempCorpus({ 'seed.txt': `date 2024-11-08\n${seedBody()}` });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article?.body).toBe(seedBody());
  });

  it('rejects a text file that does not start with the date prefix', async () => {
    dir = await makeTempCorpus({ 'notes.txt': seedBody() });
    const load = await loadCorpus(dir);
    expectRejected(load, 'notes.txt', undefined, /does not start with " date YYYY-MM-DD "/);
    expect(load.articles).toEqual([]);
  });

  it('rejects a date written the wrong way round, quoting it', async () => {
    dir = await makeTempCorpus({ 'seed.txt': ` date 08-11-2024 ${seedBody()}` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'seed.txt', undefined, /^date "08-11-2024" must be a date written YYYY-MM-DD$/);
  });
});
