import { ButtonStyle, ComponentType, REST, Routes, type APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { capturingLogger, copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, INTERACTION_PATHS } from '../support/fake-discord/index.js';

/**
 * Discord misbehaving around interactions (late confirmations, 500s, components from elsewhere), and
 * the real bot keeping every public message as it meant it to be.
 */
let discord: FakeDiscord;
let desk: QuoteDesk;
let bot: RunningBot;
let log: ReturnType<typeof capturingLogger>;

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  desk = await QuoteDesk.open({ corpusDir: await copyOfCorpus() });
});

afterAll(async () => {
  await discord.close();
});

beforeEach(async () => {
  log = capturingLogger();
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl });
});

afterEach(async () => {
  await bot.stop();
});

const SORRY = 'Something went wrong on my side';

describe('an answer with pages', () => {
  it('turns to page 2 when Next is pressed before Discord has confirmed the reply', async () => {
    const late = discord.misbehave({ method: 'POST', path: INTERACTION_PATHS.callback, times: 1, behaviour: { delayMs: 2_000 } });
    const asked = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
    expect(late.caught).toHaveLength(1);

    const next = await discord.clickButton({ message: asked.message!, label: 'Next' });
    expect(next.message!.embeds[0]!.footer!.text).toMatch(/^Page 2 of \d+/);
    expect(next.buttons.map((button) => button.label)).toContain('Next');
    expect(next.followups).toEqual([]);
  });

  it('keeps the public answer when the private "expired" note fails with four 500s', async () => {
    const asked = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
    const withButtons: APIMessage = structuredClone(asked.message!);
    // A restart forgets the pages (and removes their buttons); someone presses Next on what they still see.
    await bot.stop();
    bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl });
    const failing = discord.misbehave({ method: 'POST', path: INTERACTION_PATHS.followup, times: 4, behaviour: { status: 500 } });

    const click = await discord.clickButton({ message: withButtons, label: 'Next' }, { until: (e) => e.followups.length > 0 || e.edits.some((edit) => edit.content?.includes(SORRY)) });
    expect(failing.caught).toHaveLength(4);
    expect(click.message!.embeds).toEqual(withButtons.embeds);
    expect(click.message!.content).toBe('');
    expect(click.edits.filter((edit) => edit.content !== undefined)).toEqual([]);
    expect(click.followups.map((message) => [message.content.startsWith(SORRY), Boolean((message.flags ?? 0) & 64)])).toEqual([[true, true]]);
  });
});

describe('components the bot never made', () => {
  const leftover = (): APIMessage =>
    discord.messageLeftEarlier({
      content: 'A message from an older version of the bot',
      components: [
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Old', custom_id: 'not-ours:1' }] },
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.StringSelect, custom_id: 'colour', options: [{ label: 'Red', value: 'red' }] }] },
      ],
    });

  it('answers a button with an unknown id privately, and logs it', async () => {
    const message = leftover();
    const click = await discord.clickButton({ message, customId: 'not-ours:1' });
    expect(click.ephemeral).toBe(true);
    expect(click.message!.content).toMatch(/older version/);
    expect(log.lines()).toContainEqual(expect.objectContaining({ level: 40, customId: 'not-ours:1', msg: 'component the bot does not know' }));
  });

  it('answers a string select privately, and logs it', async () => {
    const message = leftover();
    const choice = await discord.chooseFromMenu({ message, customId: 'colour', values: ['red'] });
    expect(choice.ephemeral).toBe(true);
    expect(choice.message!.content).toMatch(/older version/);
    expect(log.lines()).toContainEqual(expect.objectContaining({ level: 40, customId: 'colour', msg: 'component the bot does not know' }));
  });
});
