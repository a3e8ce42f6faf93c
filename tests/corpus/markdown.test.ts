import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { expectRejected, makeTempCorpus, removeTempCorpus, sampleArticle } from './fixtures.js';

/** A real BBC article written as a markdown file with front matter. */
const article = sampleArticle('sample-bbc.jsonl', 4);

describe('markdown articles (.md/.markdown with front matter)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });

  it('reads title, date, source and url from the front matter and the body after it', async () => {
    const text = [
      '---',
      `title: "${article.title.replace(/"/g, '\\"')}"`,
      'date: 2005-01-14',
      "source: 'BBC News'",
      'url: http://news.bbc.co.uk/2/hi/business/4173309.stm',
      '---',
      '',
      article.body,
    ].join('\n');
    dir = await makeTempCorpus({ 'bbc/ukraine.md': text });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded).toEqual({
      id: 'ukraine',
      title: article.title,
      date: '2005-01-14',
      source: 'BBC News',
      url: 'http://news.bbc.co.uk/2/hi/business/4173309.stm',
      body: article.body,
      origin: { file: 'bbc/ukraine.md' },
    });
  });

  it('takes the id from the front matter when it gives one', async () => {
    dir = await makeTempCorpus({ 'x.markdown': `---\nid: ${article.id}\n---\n${article.body}` });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded?.id).toBe(article.id);
  });

  it('keeps markdown in the body as written', async () => {
    const body = `## ${article.title}\n\n> ${article.body}\n\n*BBC News*`;
    dir = await makeTempCorpus({ 'x.md': `---\ntitle: ${article.title}\n---\n${body}` });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded?.body).toBe(body);
  });

  it('loads a markdown file without front matter, meta unknown', async () => {
    dir = await makeTempCorpus({ 'plain.md': article.body });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded).toMatchObject({ id: 'plain', title: null, date: null, source: null, url: null, body: article.body });
  });

  it('ignores comments, empty values, unknown keys and their list items', async () => {
    const text = `---\n# imported\ntitle: ${article.title} # from the BBC\nurl:\ntags:\n  - ukraine\n  - privatisation\nsection: { name: business }\n---\n${article.body}`;
    dir = await makeTempCorpus({ 'x.md': text });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded).toMatchObject({ title: article.title, url: null });
  });

  it('keeps only the day of a front matter date that carries a time', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ndate: 2005-01-14T09:30:00Z\n---\n${article.body}` });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded?.date).toBe('2005-01-14');
  });

  it('rejects front matter that is never closed, naming line 1', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ntitle: ${article.title}\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', 1, /never closed/);
  });

  it('rejects a front matter line that is not key: value, naming its line', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ntitle: ${article.title}\nBy our business reporter\n---\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', 3, /front matter line 3 is not "key: value"/);
  });

  it('rejects an unquoted value containing ": ", naming its line and saying to quote it', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ndate: 2005-01-14\ntitle: Ukraine: a privatisation check\n---\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', 3, /front matter line 3 is not "key: value" \(a value containing ": " must be put in "quotes"\)/);
  });

  it('rejects a title given as a list, naming its line', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ndate: 2005-01-14\ntitle:\n  - one\n  - two\n---\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', 3, /front matter "title" on line 3 must be one value/);
  });

  it('rejects a key given twice, in any case, naming the second line', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ntitle: One\nTitle: Two\n---\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', 3, /front matter repeats "title" on line 3/);
  });

  it('keeps values as written: a numeric id stays text, leading zeros and all', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\nid: 0042\ntitle: 1984\n---\n${article.body}` });
    const [loaded] = (await loadCorpus(dir)).articles;
    expect(loaded).toMatchObject({ id: '0042', title: '1984' });
  });

  it('rejects a front matter date that does not exist', async () => {
    dir = await makeTempCorpus({ 'x.md': `---\ndate: 2005-02-29\n---\n${article.body}` });
    expectRejected(await loadCorpus(dir), 'x.md', undefined, /^date "2005-02-29" is not a real calendar date$/);
  });
});
