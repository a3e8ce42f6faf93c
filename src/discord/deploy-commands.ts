import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../ops/config.js';
import { commandDefinitions } from './command-registry.js';

/**
 * `npm run deploy-commands`: registers the slash commands, for one server when DISCORD_GUILD_ID is
 * set (instant, for testing) or globally (may take up to an hour to appear everywhere). It
 * overwrites the whole set, so a removed command disappears too.
 */
async function deploy(): Promise<void> {
  const config = loadConfig({ require: ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] });
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN!);
  const definitions = commandDefinitions();
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID!, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID!);
  const registered = (await rest.put(route, { body: definitions })) as Array<{ name: string; type?: number }>;
  const scope = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : 'all servers (global; may take up to an hour to show)';
  process.stdout.write(`Registered ${registered.length} commands for ${scope}: ${registered.map((c) => (c.type === undefined || c.type === 1 ? `/${c.name}` : `"${c.name}" (message menu)`)).join(', ')}\n`);
}

deploy().catch((error: unknown) => {
  const token = process.env.DISCORD_TOKEN;
  const text = error instanceof ConfigError ? error.message : `Could not register the commands: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${token ? text.split(token).join('[redacted]') : text}\n`);
  process.exit(1);
});
