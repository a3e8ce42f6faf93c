import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestState } from '../../src/feeds/ingest-state.js';
import { emptyDir } from '../desk/support.js';

describe('IngestState', () => {
  it('starts empty, and says why, from a state file that is not valid', async () => {
    const file = path.join(await emptyDir('quotedesk-state-'), 'feeds-state.json');
    await writeFile(file, '{"version": 1, "articles": {"x": {"file": 3}}}');
    const { state, problem } = await IngestState.open(file);
    expect(problem).toMatch(/is not a valid feed state file .*; starting afresh$/);
    expect(state.article('x')).toBeUndefined();
  });

  it('keeps every change when saves overlap', async () => {
    const file = path.join(await emptyDir('quotedesk-state-'), 'feeds-state.json');
    const { state } = await IngestState.open(file);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        state.recordArticle(`https://news.example/${i}`, `fetched/news/${i}.md`, `hash-${i}`);
        return state.save();
      }),
    );
    const saved = JSON.parse(await readFile(file, 'utf8')) as { articles: Record<string, unknown> };
    expect(Object.keys(saved.articles)).toHaveLength(20);
    const { state: reopened } = await IngestState.open(file);
    expect(reopened.urlWithContent('hash-7')).toBe('https://news.example/7');
  });

  it('finds an article by its text only under its latest hash', async () => {
    const { state } = await IngestState.open(path.join(await emptyDir('quotedesk-state-'), 's.json'));
    state.recordArticle('https://news.example/a', 'fetched/news/a.md', 'old');
    state.recordArticle('https://news.example/a', 'fetched/news/a.md', 'new');
    expect([state.urlWithContent('old'), state.urlWithContent('new')]).toEqual([undefined, 'https://news.example/a']);
  });
});
