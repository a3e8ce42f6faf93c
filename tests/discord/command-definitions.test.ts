import { ApplicationIntegrationType, InteractionContextType, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { FakeDiscord } from '../support/fake-discord/index.js';

/** What `deploy-commands` registers, as the loopback Discord stores it. */
let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start();
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
});
afterAll(async () => {
  await discord.close();
});

const registered = (name: string) => discord.commands(discord.guildId).find((command) => command.name === name)!;

describe('command definitions', () => {
  it('use contexts and integration types, not the deprecated dm_permission', () => {
    for (const command of discord.commands(discord.guildId)) {
      expect(command, command.name).not.toHaveProperty('dm_permission');
      expect(command.integration_types, command.name).toEqual([ApplicationIntegrationType.GuildInstall]);
    }
  });

  it('keep the moderators\' /reload and /feeds to servers', () => {
    for (const name of ['reload', 'feeds']) expect(registered(name).contexts, name).toEqual([InteractionContextType.Guild]);
  });

  it('let /ask, /quote and /corpus be used in servers and in a DM with the bot', () => {
    for (const name of ['ask', 'quote', 'corpus']) expect(registered(name).contexts, name).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
  });

  it('keep the options /ask and /quote had, in order', () => {
    expect(registered('ask').options!.map((option) => [option.name, option.required ?? false])).toEqual([
      ['question', true],
      ['source', false],
      ['from', false],
      ['to', false],
      ['hide', false],
    ]);
    expect(registered('quote').options!.map((option) => option.name)).toEqual(['speaker', 'topic', 'source', 'from', 'to', 'hide']);
  });
});
