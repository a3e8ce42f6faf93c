import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { expectRejected, makeTempCorpus, removeTempCorpus, sampleArticle, sampleLines } from './fixtures.js';

describe('JSON Lines articles (.jsonl, one {id,title,date,source,url,body} a line)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });

  it('loads every field of a real Reuters line as written', async () => {
    const expected = sampleArticle('sample-reuters21578.jsonl', 0);
    dir = await makeTempCorpus({ 'reuters.jsonl': `${sampleLines('sample-reuters21578.jsonl', 1)[0]}\n` });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article).toEqual({ ...expected, origin: { file: 'reuters.jsonl', line: 1 } });
  });

  it('treats a missing title, date, source or url as unknown (null)', async () => {
    const { id, body } = sampleArticle('sample-bbc.jsonl', 0);
    dir = await makeTempCorpus({ 'bbc.jsonl': `${JSON.stringify({ id, body })}\n` });
    const [article] = (await loadCorpus(dir)).articles;
    expect(article).toMatchObject({ id, title: null, date: null, source: null, url: null, body });
  });

  it('skips blank lines but keeps counting them, so line numbers match an editor', async () => {
    const [first, second] = sampleLines('sample-bbc.jsonl', 2);
    dir = await makeTempCorpus({ 'bbc.jsonl': `\n${first}\n\n   \n${second}` });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(load.articles.map((a) => a.origin.line)).toEqual([2, 5]);
  });

  it('accepts CRLF line ends', async () => {
    const lines = sampleLines('sample-bbc.jsonl', 3);
    dir = await makeTempCorpus({ 'bbc.jsonl': `${lines.join('\r\n')}\r\n` });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(load.articles).toHaveLength(3);
  });

  it('drops a byte order mark at the start of the file', async () => {
    dir = await makeTempCorpus({ 'bbc.jsonl': `\uFEFF${sampleLines('sample-bbc.jsonl', 2).join('\n')}\n` });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(load.articles).toHaveLength(2);
  });

  it('names the field and the value when a url is not a web address', async () => {
    const article = sampleArticle('sample-bbc.jsonl', 0);
    dir = await makeTempCorpus({ 'bbc.jsonl': `${JSON.stringify({ ...article, url: 'bbc news website' })}\n` });
    expectRejected(await loadCorpus(dir), 'bbc.jsonl', 1, /^url "bbc news website" is not a valid web address$/);
  });

  it('says which type a field should have when it has another', async () => {
    const article = sampleArticle('sample-bbc.jsonl', 0);
    dir = await makeTempCorpus({ 'bbc.jsonl': `${JSON.stringify({ ...article, id: 91 })}\n` });
    expectRejected(await loadCorpus(dir), 'bbc.jsonl', 1, /^id must be text, not a number \(91\)$/);
  });

  it('says a required field is missing', async () => {
    const { id, title } = sampleArticle('sample-bbc.jsonl', 0);
    dir = await makeTempCorpus({ 'bbc.jsonl': `${JSON.stringify({ id, title })}\n` });
    expectRejected(await loadCorpus(dir), 'bbc.jsonl', 1, /^body is missing$/);
  });

  it('rejects a line that is JSON but not an object', async () => {
    dir = await makeTempCorpus({ 'bbc.jsonl': `${sampleLines('sample-bbc.jsonl', 1)[0]}\n["not", "an", "article"]\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'bbc.jsonl', 2, /is not a JSON object/);
    expect(load.articles).toHaveLength(1);
  });

  it('rejects a file of blank lines as having no articles', async () => {
    dir = await makeTempCorpus({ 'empty.jsonl': '\n\n\n' });
    expectRejected(await loadCorpus(dir), 'empty.jsonl', undefined, /only blank lines/);
  });
});
