import { describe, expect, it } from 'vitest';
import { normaliseName, SpeakerDirectory, type ArticleSpeakers } from '../../src/quotes/speaker-directory.js';

/** One article's speakers as the extractor reports them, with quote counts. */
function article(articleId: string, ...speakers: Array<[name: string, aliases: string[], quotes: number, person?: boolean]>): ArticleSpeakers {
  return {
    articleId,
    speakers: speakers.map(([name, aliases, , person]) => ({ name, aliases, person: person ?? true })),
    quoteCounts: new Map(speakers.map(([name, , quotes]) => [name, quotes])),
  };
}

const directory = SpeakerDirectory.build([
  article('seed', ['Vladimir Putin', ['Putin', 'the Russian President'], 3]),
  article('bbc-1', ['Putin', ['Mr Putin'], 2], ['Tony Blair', ['Mr Blair', 'the prime minister'], 4]),
  article('bbc-2', ['Tony Blair', ['Blair', 'the prime minister'], 5], ['Gordon Brown', ['Mr Brown', 'the chancellor'], 2]),
  article('bbc-3', ['Chancellor Gordon Brown', ['Brown'], 1], ['Tony Blair', ['the chancellor'], 1], ['Downing Street', [], 2, false]),
  article('bbc-4', ['Gordon Brown', ['the chancellor'], 1], ['Nick Brown', [], 1], ['the report', [], 3, false]),
  article('bbc-5', ['Ravi Purushotma', [], 1]),
]);

describe('SpeakerDirectory', () => {
  it('joins "Vladimir Putin" and a bare "Putin" in another article into one speaker', () => {
    const [putin] = directory.resolve('Putin');
    expect(putin).toMatchObject({ name: 'Vladimir Putin', quoteCount: 5, articleCount: 2 });
    expect(directory.keyFor('Putin', true)).toBe(putin!.key);
  });

  it('resolves a title alias to the person the corpus means by it', () => {
    expect(directory.resolve('the Russian President').map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(directory.resolve('the prime minister').map((s) => s.name)).toEqual(['Tony Blair']);
  });

  it('does not let one stray attribution give a title to the wrong person', () => {
    expect(directory.resolve('the chancellor').map((s) => s.name)).toEqual(['Gordon Brown']);
    expect(directory.get(directory.resolve('Tony Blair')[0]!.key)!.aliases).not.toContain('the chancellor');
  });

  it('shows a plain full name rather than a titled one', () => {
    expect(directory.resolve('Gordon Brown')[0]!.name).toBe('Gordon Brown');
  });

  it('finds a person by surname even where no article wrote the surname alone', () => {
    expect(directory.resolve('Purushotma').map((s) => s.name)).toEqual(['Ravi Purushotma']);
  });

  it('ignores titles and case when resolving', () => {
    expect(directory.resolve('mr PUTIN')[0]!.name).toBe('Vladimir Putin');
  });

  it('suggests close names for a misspelling', () => {
    expect(directory.suggest('Pootin')).toEqual(['Vladimir Putin']);
    expect(directory.suggest('Blare')[0]).toBe('Tony Blair');
  });

  it('suggests names a letter longer or shorter than the misspelling', () => {
    expect(directory.suggest('Puttin')).toContain('Vladimir Putin');
    expect(directory.suggest('Blir')).toContain('Tony Blair');
  });

  it('suggests nothing for a name far from every speaker', () => {
    expect(directory.suggest('Zzyzx')).toEqual([]);
  });

  it('completes a prefix with the most-quoted match first, on any name word', () => {
    expect(directory.complete('pu').map((s) => s.name)).toEqual(['Vladimir Putin', 'Ravi Purushotma']);
    expect(directory.complete('vlad').map((s) => s.name)).toEqual(['Vladimir Putin']);
  });

  it('leaves generic non-names such as "the report" out of completion', () => {
    expect(directory.complete('').map((s) => s.name)).not.toContain('the report');
    expect(directory.complete('rep')).toEqual([]);
  });

  it('caps completion at the limit asked for', () => {
    expect(directory.complete('', 2)).toHaveLength(2);
  });

  it('normalises names without accents, titles or possessives', () => {
    expect(normaliseName('Mr Zapatero’s')).toBe('zapatero');
    expect(normaliseName('Arsène Wenger')).toBe('arsene wenger');
  });

  it('updated by the articles that changed, is the directory a fresh build of the new corpus gives', () => {
    const kept = [
      article('seed', ['Vladimir Putin', ['Putin', 'the Russian President'], 3]),
      article('bbc-2', ['Tony Blair', ['Blair', 'the prime minister'], 5], ['Gordon Brown', ['Mr Brown', 'the chancellor'], 2]),
    ];
    const leaving = article('bbc-1', ['Putin', ['Mr Putin'], 2], ['Gordon Brown', ['the chancellor'], 9]);
    const arriving = article('bbc-9', ['Brown', ['Mr Brown'], 4], ['Nick Brown', ['the chief whip'], 1], ['Downing Street', [], 2, false]);
    const before = SpeakerDirectory.build([...kept, leaving]);
    const updated = before.updatedSliced([leaving], [arriving], 10);
    const fresh = SpeakerDirectory.build([arriving, ...kept]);
    return updated.then((directory) => {
      expect(directory.all()).toEqual(fresh.all());
      expect(directory.complete('b').map((s) => s.key)).toEqual(fresh.complete('b').map((s) => s.key));
      expect(directory.resolve('Brown').map((s) => s.key)).toEqual(fresh.resolve('Brown').map((s) => s.key));
      expect(directory.keyFor('Putin', true)).toBe('vladimir putin');
    });
  });

  it('leaves the directory it was updated from as it was', async () => {
    const seed = article('seed', ['Vladimir Putin', ['Putin'], 3]);
    const before = SpeakerDirectory.build([seed]);
    const snapshot = JSON.stringify(before.all());
    await before.updatedSliced([seed], [article('bbc-1', ['Tony Blair', [], 1])], 10);
    expect(JSON.stringify(before.all())).toBe(snapshot);
    expect(before.resolve('Putin').map((s) => s.name)).toEqual(['Vladimir Putin']);
  });
});
