import { describe, expect, it } from 'vitest';
import { LoadedArticleSchema } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { BUNDLED_CORPUS, SEED_FILE, idsOf, sampleLines, seedText } from './fixtures.js';

describe('the bundled corpus/ folder', () => {
  it('loads the seed article and both 50-article samples with no rejections', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    expect(load.rejected).toEqual([]);
    expect(load.articles).toHaveLength(101);
  });

  it('lists the three article files in path order and skips README.md as documentation', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    expect(load.files.map((f) => f.file)).toEqual([SEED_FILE, 'sample-bbc.jsonl', 'sample-reuters21578.jsonl']);
    expect(load.files.map((f) => f.articleIds.length)).toEqual([1, 50, 50]);
  });

  it('reads the seed article with its date and a body beginning "Vladimir Putin congratulated"', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    const seed = load.articles.find((a) => a.origin.file === SEED_FILE);
    expect(seed).toMatchObject({ id: '2024-11-08-putin-congratulates-trump', date: '2024-11-08', title: null, source: null, url: null });
    expect(seed?.body.startsWith('Vladimir Putin congratulated Donald Trump on his election victory')).toBe(true);
  });

  it('keeps the seed body byte for byte as the file has it after " date 2024-11-08 ", so gold offsets hold', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    const seed = load.articles.find((a) => a.origin.file === SEED_FILE)!;
    expect(seed.body).toBe(seedText().slice(' date 2024-11-08 '.length));
    const quote = 'He behaved, in my opinion, in a very correct way, courageously, like a real man';
    expect(seed.body.slice(seed.body.indexOf(quote), seed.body.indexOf(quote) + quote.length)).toBe(quote);
  });

  it('records the file and 1-based line each JSON Lines article came from', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    const firstReuters = JSON.parse(sampleLines('sample-reuters21578.jsonl', 1)[0]!) as { id: string };
    const article = load.articles.find((a) => a.id === firstReuters.id);
    expect(article?.origin).toEqual({ file: 'sample-reuters21578.jsonl', line: 1 });
    expect(load.articles.at(-1)?.origin).toEqual({ file: 'sample-reuters21578.jsonl', line: 50 });
  });

  it('orders articles by file path, then line', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    const bbcIds = sampleLines('sample-bbc.jsonl', 50).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(idsOf(load).slice(1, 51)).toEqual(bbcIds);
    expect(idsOf(load)[0]).toBe('2024-11-08-putin-congratulates-trump');
  });

  it('delivers every article in the shape LoadedArticleSchema describes', async () => {
    const load = await loadCorpus(BUNDLED_CORPUS);
    for (const article of load.articles) expect(LoadedArticleSchema.safeParse(article).success).toBe(true);
  });

  it('reports the corpus folder as an absolute path', async () => {
    const load = await loadCorpus('corpus');
    expect(load.dir).toBe(BUNDLED_CORPUS.replace(/\/$/, ''));
  });
});
