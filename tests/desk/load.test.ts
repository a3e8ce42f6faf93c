import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import type { CorpusVersion } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { copyOfCorpus } from './support.js';

const CALLERS = 50;
const QUESTIONS_PER_CALLER = 40;
const QUESTIONS = [
  'What did Putin say about Ukraine?',
  'what did Putin say about Trump',
  'what has Blair said',
  'Brown on the economy',
  'tuition fees',
  'what did Pootin say',
  'quotes from Howard about immigration',
  'oil prices in 1987',
  '',
  '?!',
];

/** The quotes of one article, as comparable values. */
function quotesOf(version: CorpusVersion, articleId: string): string[] {
  return (version.quotesByArticle.get(articleId)?.quotes ?? []).map((q) => `${q.kind}|${q.start}|${q.end}|${q.text}|${q.speaker}`);
}

describe('under load', () => {
  it('answers 2,000 questions from 50 callers during 3 reloads: no errors, one version per answer, no quote lost', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const versions = new Map<string, CorpusVersion>([[desk.version.id, desk.version]]);
    const answers: Answer[] = [];
    const errors: unknown[] = [];

    let reloading = true;
    /** Asks at least its share of questions, and keeps asking until the reloads are over (and once more after). */
    const caller = async (n: number): Promise<void> => {
      let afterReloads = 1;
      for (let i = 0; i < QUESTIONS_PER_CALLER || reloading || afterReloads-- > 0; i += 1) {
        try {
          const version = desk.version;
          versions.set(version.id, version);
          const question = QUESTIONS[(n + i) % QUESTIONS.length]!;
          answers.push(i % 3 === 0 ? desk.lookUp({ speaker: 'Putin', topic: 'Ukraine' }) : desk.ask({ question }));
        } catch (error) {
          errors.push(error);
        }
        await yieldToEventLoop();
      }
    };
    const seed = await readFile(path.join(dir, '2024-11-08-putin-congratulates-trump.txt'), 'utf8');
    const reloads = (async () => {
      const edits = [
        () => writeFile(path.join(dir, 'added.txt'), seed.replace('2024-11-08', '2024-11-10')),
        () => appendFile(path.join(dir, 'added.txt'), '\n\n"One more thing," Putin said.'),
        () => rm(path.join(dir, 'sample-reuters21578.jsonl')),
      ];
      for (const edit of edits) {
        await edit();
        const result = await desk.reload({ whenBusy: 'join' });
        if (result.status !== 'reloaded') errors.push(result);
        versions.set(desk.version.id, desk.version);
      }
      reloading = false;
    })();
    await Promise.all([...Array.from({ length: CALLERS }, (_, n) => caller(n)), reloads]);

    expect(errors).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(CALLERS * QUESTIONS_PER_CALLER);
    expect(versions.size).toBe(4);
    // Every version answered: the reloads really ran in the middle of the load.
    expect(new Set(answers.map((answer) => answer.corpusVersion))).toEqual(new Set(versions.keys()));
    for (const answer of answers) {
      const version = versions.get(answer.corpusVersion)!;
      for (const snippet of answer.snippets) {
        const record = version.quote(snippet.quoteId);
        expect(record, `${snippet.quoteId} in ${answer.corpusVersion}`).toBeDefined();
        expect(record!.article.id).toBe(snippet.citation.articleId);
      }
    }
    const ordered = [...versions.values()];
    for (let i = 1; i < ordered.length; i += 1) {
      const [before, after] = [ordered[i - 1]!, ordered[i]!];
      for (const article of before.articles) {
        const now = after.article(article.id);
        if (now && now.body === article.body) expect(quotesOf(after, article.id)).toEqual(quotesOf(before, article.id));
      }
    }
  });
});
