import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { answerEmbeds } from '../../src/discord/answer-embeds.js';
import { renderAnswerForTerminal } from '../../src/terminal/render.js';

// Written for this test: a cued quote, then a paragraph that is only a quotation, whose speaker
// the extractor can only take from the quote before it.
const ARTICLE = `---
title: Council runs out of money
date: 2016-03-01
---
Mayor Linda Park opened the meeting. "We are out of money for the libraries," Mayor Park said.

"Nobody wants to close the libraries."
`;

let answer: Answer;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'quotedesk-weak-'));
  await writeFile(path.join(dir, 'council.md'), ARTICLE);
  const version = await CorpusVersion.build(await loadCorpus(dir));
  answer = answerQuestion(version, { question: 'what did Linda Park say about the libraries' });
});

describe('an attribution found without a cue', () => {
  it('is carried into the answer with how it was found', () => {
    expect(new Map(answer.snippets.map((snippet) => [snippet.text, snippet.confidence]))).toEqual(
      new Map([
        ['We are out of money for the libraries', 'cue'],
        ['Nobody wants to close the libraries.', 'inherited'],
      ]),
    );
  });

  it('is marked beside the name in the terminal, and the cued one is not', () => {
    const text = renderAnswerForTerminal(answer);
    expect(text).toContain('Linda Park (speaker inferred, no cue): “Nobody wants to close the libraries.”');
    expect(text).toContain('Linda Park: “We are out of money for the libraries');
  });

  it('is marked beside the name in Discord', () => {
    const names = answerEmbeds(answer, 0)[0]!.fields!.map((field) => field.name.replace(/^\d+\. /, ''));
    expect(names.sort()).toEqual(['Linda Park', 'Linda Park (speaker inferred, no cue)']);
  });
});
