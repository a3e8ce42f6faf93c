import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { capturingLogger } from '../desk/support.js';
import { FakeDiscord, makeUser, type ChannelPost } from '../support/fake-discord/index.js';

/**
 * Asking by mentioning the bot: the real bot (discord.js client and all) against the loopback
 * Discord, which delivers users' messages as MESSAGE_CREATE and checks the bot's posts against its
 * permissions in the channel as Discord does.
 */
let discord: FakeDiscord;
let desk: QuoteDesk;
let bot: RunningBot | null = null;
let log = capturingLogger();

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  desk = await QuoteDesk.open({ corpusDir: 'corpus' });
});

afterEach(async () => {
  await bot?.stop();
  bot = null;
  discord.channels.resetBotPermissions();
  discord.channels.closedDms.clear();
});

afterAll(async () => {
  await discord.close();
});

async function start(cooldownMs = 0): Promise<RunningBot> {
  log = capturingLogger();
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl, mentions: { cooldownMs } });
  await discord.waitForReady();
  return bot;
}

const mention = (question: string): string => `<@${discord.world.bot.id}> ${question}`;

/** The user says `content`; resolves with the bot's next post. */
async function ask(content: string, options: Omit<Parameters<FakeDiscord['channels']['say']>[0], 'content'> = {}): Promise<ChannelPost> {
  const from = discord.channels.posts.length;
  const asked = discord.channels.say({ content, ...options });
  const [post] = await discord.channels.waitForPosts(1, { from });
  expect(post!.body.message_reference?.message_id ?? asked.id).toBe(asked.id);
  return post!;
}

describe('asking by mention', () => {
  it('answers the seed question as a reply, with the Ukraine quote in an embed', async () => {
    await start();
    const from = discord.channels.posts.length;
    const question = discord.channels.say({ content: mention('what did Putin say about Ukraine?') });
    const [post] = await discord.channels.waitForPosts(1, { from });
    expect(post!.status).toBe(200);
    expect(post!.body.message_reference?.message_id).toBe(question.id);
    expect(post!.channelId).toBe(discord.world.channel.id);
    const field = post!.message!.embeds[0]!.fields![0]!;
    expect(field.name).toBe('1. Vladimir Putin');
    expect(field.value).toContain('to bring about the end of the Ukrainian crisis');
  });

  it('pings nobody, not even the person it replies to', async () => {
    await start();
    const post = await ask(mention('what did Putin say about Ukraine?'));
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(post.pingedRepliedUser).toBe(false);
    expect(post.message!.mentions).toEqual([]);
  });

  it('pages a long answer with buttons that only the asker can turn', async () => {
    await start();
    const post = await ask(mention('what has Blair said?'));
    expect(post.message!.embeds[0]!.footer!.text).toMatch(/^Page 1 of \d+/);
    const next = await discord.clickButton({ message: post.message!, label: 'Next' });
    expect(next.message!.embeds[0]!.footer!.text).toMatch(/^Page 2 of \d+/);
    const stranger = await discord.clickButton({ message: next.message!, label: 'Previous', user: discord.world.bob });
    expect(stranger.ephemeral).toBe(true);
    expect(stranger.message?.content).toContain('Only the person who asked');
  });

  it('answers a mention in a thread, in the thread', async () => {
    await start();
    // The test guild's members (and so the bot) lack Send Messages in Threads unless granted.
    discord.channels.allowBot(PermissionFlagsBits.SendMessagesInThreads);
    const thread = discord.channels.openThread('ukraine talk');
    const post = await ask(mention('what did Putin say about Ukraine?'), { where: { kind: 'thread', thread } });
    expect(post.channelId).toBe(thread.id);
    expect(post.message!.embeds[0]!.fields![0]!.name).toBe('1. Vladimir Putin');
  });

  it('answers any message in a DM, no mention needed', async () => {
    await start();
    const post = await ask('what did Putin say about Ukraine?', { where: { kind: 'dm' } });
    expect(post.channelId).toBe(discord.channels.dmWith(discord.world.alice).id);
    expect(post.message!.embeds[0]!.fields![0]!.value).toContain('Ukrainian crisis');
  });

  it('ignores messages from bots and messages that do not mention it', async () => {
    await start();
    const from = discord.channels.posts.length;
    discord.channels.say({ user: makeUser('another-bot', { bot: true }), content: mention('what did Putin say about Ukraine?') });
    discord.channels.say({ content: 'what did Putin say about Ukraine?' });
    const asked = discord.channels.say({ user: discord.world.bob, content: mention('what did Blair say about the election?') });
    const [post, ...more] = await discord.channels.waitForPosts(1, { from });
    await bot!.mentions.drain();
    expect(post!.body.message_reference?.message_id).toBe(asked.id);
    expect(more).toEqual([]);
    expect(discord.channels.posts.length).toBe(from + 1);
  });

  it('answers a bare mention with how to ask, and an unknown speaker in plain words', async () => {
    await start();
    expect((await ask(`<@${discord.world.bot.id}>`)).body.content).toContain('Ask me about the news, like: @Quotedesk what did Putin say about Ukraine?');
    expect((await ask(mention('what did Pootin say about Ukraine'))).body.content).toBe('I couldn\'t find a speaker named "Pootin" in the corpus. Did you mean Vladimir Putin?');
  });

  it('makes each user wait between questions, telling them once, and others still get answers', async () => {
    await start(60_000);
    expect((await ask(mention('what did Putin say about Ukraine?'))).message!.embeds).toHaveLength(1);
    expect((await ask(mention('what did Blair say?'))).body.content).toMatch(/^You can ask me again in \d+ s\.$/);
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Blair say?') });
    const bobs = discord.channels.say({ user: discord.world.bob, content: mention('what did Blair say?') });
    const [post] = await discord.channels.waitForPosts(1, { from });
    await bot!.mentions.drain();
    expect(post!.body.message_reference?.message_id).toBe(bobs.id);
    expect(discord.channels.posts.length).toBe(from + 1);
  });
});

describe('asking by mention where the bot lacks permissions', () => {
  it('answers in plain text without Embed Links, and says why', async () => {
    await start();
    discord.channels.denyBot(PermissionFlagsBits.EmbedLinks);
    const post = await ask(mention('what did Putin say about Ukraine?'));
    expect(post.status).toBe(200);
    expect(post.body.embeds ?? []).toEqual([]);
    expect(post.body.content).toContain('**1. Vladimir Putin**: “What was said about the desire to restore relations with Russia');
    expect(post.body.content).toContain('Embed Links');
    expect(post.body.content!.length).toBeLessThanOrEqual(2000);
  });

  it('posts without replying when it cannot Read Message History, naming the asker without a ping', async () => {
    await start();
    discord.channels.denyBot(PermissionFlagsBits.ReadMessageHistory);
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Putin say about Ukraine?') });
    const [post] = await discord.channels.waitForPosts(1, { from });
    expect(post!.status).toBe(200);
    expect(post!.body.message_reference).toBeUndefined();
    expect(post!.body.content).toContain(`<@${discord.world.alice.id}>`);
    expect(post!.message!.mentions).toEqual([]);
    expect(post!.message!.embeds[0]!.fields![0]!.name).toBe('1. Vladimir Putin');
  });

  it('answers in a thread where it lacks Send Messages in Threads by DM, naming that permission', async () => {
    await start();
    const thread = discord.channels.openThread('no threads for bots');
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Putin say about Ukraine?'), where: { kind: 'thread', thread } });
    const [post] = await discord.channels.waitForPosts(1, { from });
    expect(post!.channelId).toBe(discord.channels.dmWith(discord.world.alice).id);
    expect(post!.body.content).toContain('I need the Send Messages in Threads permission there');
  });

  it('answers the asker by DM when it may not send messages in the channel', async () => {
    await start();
    discord.channels.denyBot(PermissionFlagsBits.SendMessages);
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Putin say about Ukraine?') });
    const [post] = await discord.channels.waitForPosts(1, { from });
    expect(post!.channelId).toBe(discord.channels.dmWith(discord.world.alice).id);
    expect(post!.body.content).toContain("I can't post in that channel (I need the Send Messages permission there)");
    expect(post!.message!.embeds[0]!.fields![0]!.value).toContain('Ukrainian crisis');
  });

  it('falls back to a DM when Discord refuses the reply its cached permissions allowed', async () => {
    await start();
    // Denied only on Discord's side: the client is not told, as when its cache is stale.
    discord.world.channel.permission_overwrites = [{ id: discord.world.bot.id, type: 1, allow: '0', deny: PermissionFlagsBits.SendMessages.toString() }];
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Putin say about Ukraine?') });
    const [refused, dm] = await discord.channels.waitForPosts(2, { from });
    expect(refused!.status).toBe(403);
    expect(dm!.channelId).toBe(discord.channels.dmWith(discord.world.alice).id);
    expect(dm!.body.content).toContain("Discord didn't let me answer in that channel");
  });

  it('logs that it could not answer when it may not post and the asker takes no DMs', async () => {
    await start();
    discord.channels.denyBot(PermissionFlagsBits.SendMessages);
    discord.channels.closedDms.add(discord.world.alice.id);
    const from = discord.channels.posts.length;
    discord.channels.say({ content: mention('what did Putin say about Ukraine?') });
    await discord.channels.waitForPosts(1, { from });
    await bot!.mentions.drain();
    expect(log.lines().some((line) => line.msg === 'could not answer a mention: no permission in the channel and DMs closed')).toBe(true);
  });
});
