import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { SpeakerReportSchema } from '../../src/reports/speaker-report.js';
import { capturingLogger, emptyDir } from '../desk/support.js';
import { FakeDiscord, modalOf, textInputsOf, type InteractionExchange } from '../support/fake-discord/index.js';

/** "Wrong speaker?" under answers: the modal, the report file, /corpus's count, with the real bot against the loopback Discord. */
let discord: FakeDiscord;
let desk: QuoteDesk;
let bot: RunningBot | null = null;
let reportsFile: string;
let log = capturingLogger();

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  desk = await QuoteDesk.open({ corpusDir: 'corpus' });
});

afterEach(async () => {
  await bot?.stop();
  bot = null;
});

afterAll(async () => {
  await discord.close();
});

async function start(file?: string): Promise<RunningBot> {
  reportsFile = file ?? path.join(await emptyDir('quotedesk-reports-'), 'data', 'speaker-reports.jsonl');
  log = capturingLogger();
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl, reportsFile });
  return bot;
}

const seedQuestion = { name: 'ask', options: { question: 'What did Putin say about Ukraine?' } };
const readReports = async (file = reportsFile) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => SpeakerReportSchema.parse(JSON.parse(line)));

async function report(asked: InteractionExchange, values: Record<string, string>, user = discord.world.alice): Promise<InteractionExchange> {
  const opened = await discord.clickButton({ message: asked.message!, label: 'Wrong speaker?', user });
  return discord.submitModal({ opened, values, user });
}

describe('"Wrong speaker?"', () => {
  it('is a button under each answer, and opens a modal asking which quote and who said it', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    expect(asked.buttons.map((button) => button.label)).toContain('Wrong speaker?');
    const opened = await discord.clickButton({ message: asked.message!, label: 'Wrong speaker?' });
    expect(opened.rejected).toEqual([]);
    const modal = modalOf(opened.callback)!;
    expect(modal.title).toBe('Report a wrong speaker');
    expect(textInputsOf(modal).map((input) => [input.custom_id, input.shownLabel, input.value])).toEqual([
      ['quote', 'Which quote? (its number in the answer)', '1'],
      ['speaker', 'Who really said it?', undefined],
    ]);
  });

  it('appends the report with quote, article, offsets, both speakers, reporter and time, and thanks privately', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    const shown = asked.message!.embeds[0]!.fields![1]!.name.replace(/^2\. /, '');
    const submitted = await report(asked, { quote: '2', speaker: 'Dmitry Peskov' });
    expect(submitted.ephemeral).toBe(true);
    expect(submitted.message?.content).toBe(`Thank you. Your report that quote 2 is by Dmitry Peskov, not ${shown}, is recorded for the moderators. It is not shown publicly.`);
    const [saved, ...others] = await readReports();
    expect(others).toEqual([]);
    const answer = desk.ask({ question: 'What did Putin say about Ukraine?' });
    const article = desk.version.article(saved!.articleId)!;
    expect(saved).toMatchObject({ quoteId: answer.snippets[1]!.quoteId, shownSpeaker: shown, suggestedSpeaker: 'Dmitry Peskov', reporterId: discord.world.alice.id, guildId: discord.guildId, corpusVersion: desk.version.id });
    expect(article.body.slice(saved!.start!, saved!.end!)).toBe(saved!.quoteText);
    expect(Date.now() - Date.parse(saved!.reportedAt)).toBeLessThan(60_000);
  });

  it('never changes the public answer', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    const before = structuredClone(asked.message);
    await report(asked, { speaker: 'Somebody Else' });
    expect(asked.message).toEqual(before);
    expect(asked.edits).toEqual([]);
  });

  it('refuses a quote number the answer does not have, privately, and records nothing', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    const count = desk.ask({ question: 'What did Putin say about Ukraine?' }).snippets.length;
    const refused = await report(asked, { quote: String(count + 1), speaker: 'Dmitry Peskov' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.message?.content).toBe(`The quote number must be between 1 and ${count}. Nothing was recorded; press "Wrong speaker?" to try again.`);
    await expect(readFile(reportsFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a "speaker" with no letters and the speaker already shown', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    expect((await report(asked, { speaker: '12' })).message?.content).toBe('The speaker needs at least one letter. Nothing was recorded; press "Wrong speaker?" to try again.');
    expect((await report(asked, { speaker: 'vladimir putin' })).message?.content).toBe('Quote 1 is already credited to Vladimir Putin. Nothing was recorded.');
  });

  it('suggests the first quote of the page the button is on', async () => {
    await start();
    const asked = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
    const next = await discord.clickButton({ message: asked.message!, label: 'Next' });
    const opened = await discord.clickButton({ message: next.message!, label: 'Wrong speaker?' });
    expect(textInputsOf(modalOf(opened.callback)!)[0]!.value).toBe('6');
  });

  it('keeps every report when many arrive at once', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    const opened = await Promise.all(Array.from({ length: 8 }, () => discord.clickButton({ message: asked.message!, label: 'Wrong speaker?' })));
    await Promise.all(opened.map((exchange, i) => discord.submitModal({ opened: exchange, values: { speaker: `Reporter Guess ${i}` } })));
    const saved = await readReports();
    expect(saved.map((r) => r.suggestedSpeaker).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Reporter Guess ${i}`).sort());
  });

  it('tells the reporter privately when the file cannot be written, and saves the report once it can', async () => {
    const dir = await emptyDir('quotedesk-reports-');
    const blocker = path.join(dir, 'data');
    await writeFile(blocker, 'a file where the reports folder should be');
    const file = path.join(blocker, 'speaker-reports.jsonl');
    await start(file);
    const asked = await discord.runCommand(seedQuestion);
    const failed = await report(asked, { speaker: 'First Reporter' });
    expect(failed.ephemeral).toBe(true);
    expect(failed.message?.content).toContain("I couldn't save your report just now");
    expect(failed.message?.content).toContain('nothing is lost');
    expect(log.lines().some((line) => line.msg === 'could not write speaker reports; kept in memory and in this log line')).toBe(true);

    await rm(blocker);
    await mkdir(blocker);
    await report(asked, { speaker: 'Second Reporter' });
    expect((await readReports(file)).map((r) => r.suggestedSpeaker)).toEqual(['First Reporter', 'Second Reporter']);
  });

  it('says an answer is too old to report on once the bot no longer remembers it', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    await bot!.stop();
    await start();
    const opened = await discord.clickButton({ message: asked.message!, label: 'Wrong speaker?' });
    expect(opened.ephemeral).toBe(true);
    expect(opened.message?.content).toBe('This answer is too old to report on. Ask again, and report from the new answer.');
  });

  it('is under a quote check too, and reports the matched quote', async () => {
    await start();
    const checked = await discord.runCommand({ name: 'verify', options: { text: 'this deserves attention at least' } });
    const submitted = await report(checked, { speaker: 'A Reuters Reporter' });
    expect(submitted.ephemeral).toBe(true);
    const [saved] = await readReports();
    const article = desk.version.article(saved!.articleId)!;
    expect(saved).toMatchObject({ shownSpeaker: 'Vladimir Putin', suggestedSpeaker: 'A Reuters Reporter' });
    expect(article.body.slice(saved!.start!, saved!.end!)).toContain('this deserves attention at least');
  });

  it('answers a form it did not make privately, and logs it', async () => {
    await start();
    const modal = { custom_id: 'not-ours:1', title: 'Someone else\'s form', components: [{ type: 18, label: 'Name', component: { type: 4, custom_id: 'name', style: 1 } }] } as never;
    const submitted = await discord.submitModal({ modal, values: { name: 'x' } });
    expect(submitted.ephemeral).toBe(true);
    expect(submitted.message?.content).toContain('not one I can use');
    expect(log.lines().some((line) => line.msg === 'component the bot does not know' && line.customId === 'not-ours:1')).toBe(true);
  });

  it('shows on /corpus how many reports are open', async () => {
    await start();
    const asked = await discord.runCommand(seedQuestion);
    await report(asked, { speaker: 'Dmitry Peskov' });
    const corpus = await discord.runCommand({ name: 'corpus' });
    expect(corpus.text).toContain('1 open (1 in all)');
  });
});
