import { ApplicationCommandType, type APIApplicationCommand, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { discordError, ok, type RecordedRequest, type Reply } from './http.js';
import { snowflake } from './ids.js';
import type { RestRouter } from './rest-router.js';
import { commandProblems, invalidFormBody } from './validate.js';

const GLOBAL = 'global';

/**
 * Registered application commands, global and per guild. A bulk overwrite (PUT) replaces the whole
 * set, keeping the id of a command whose name and type stay, as Discord does.
 */
export class CommandRegistry {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly knownGuildIds: () => string[],
  ) {}

  /** Commands registered for `guildId`, or the global ones. */
  list(guildId?: string): APIApplicationCommand[] {
    return structuredClone(this.scopes.get(guildId ?? GLOBAL) ?? []);
  }

  /** The command a user would be invoking by `name` in `guildId`: the guild's own first, then global. */
  find(name: string, guildId?: string): APIApplicationCommand | undefined {
    const matches = (c: APIApplicationCommand): boolean => c.name === name && c.type === ApplicationCommandType.ChatInput;
    return (guildId ? this.scopes.get(guildId)?.find(matches) : undefined) ?? this.scopes.get(GLOBAL)?.find(matches);
  }

  register(router: RestRouter): void {
    router
      .route('GET', '/applications/:app/commands', (p) => this.scoped(p, () => ok(this.list())))
      .route('PUT', '/applications/:app/commands', (p, r) => this.scoped(p, () => this.overwrite(GLOBAL, r)))
      .route('POST', '/applications/:app/commands', (p, r) => this.scoped(p, () => this.upsert(GLOBAL, r)))
      .route('GET', '/applications/:app/guilds/:guild/commands', (p) => this.scoped(p, () => ok(this.list(p.guild))))
      .route('PUT', '/applications/:app/guilds/:guild/commands', (p, r) => this.scoped(p, () => this.overwrite(p.guild!, r)))
      .route('POST', '/applications/:app/guilds/:guild/commands', (p, r) => this.scoped(p, () => this.upsert(p.guild!, r)));
  }

  private scoped(params: Record<string, string>, act: () => Reply): Reply {
    if (params.app !== this.applicationId) return discordError(403, 50001, 'Missing Access');
    if (params.guild !== undefined && !this.knownGuildIds().includes(params.guild)) return discordError(403, 50001, 'Missing Access');
    return act();
  }

  private overwrite(scope: string, request: RecordedRequest): Reply {
    const problems = commandProblems(request.body);
    if (problems.length) return invalidFormBody(problems);
    const previous = this.scopes.get(scope) ?? [];
    const next = (request.body as RESTPostAPIApplicationCommandsJSONBody[]).map((body) => this.stored(scope, body, previous));
    this.scopes.set(scope, next);
    return ok(next);
  }

  private upsert(scope: string, request: RecordedRequest): Reply {
    const problems = commandProblems([request.body]);
    if (problems.length) return invalidFormBody(problems);
    const previous = this.scopes.get(scope) ?? [];
    const command = this.stored(scope, request.body as RESTPostAPIApplicationCommandsJSONBody, previous);
    this.scopes.set(scope, [...previous.filter((c) => c.id !== command.id), command]);
    return { status: previous.some((c) => c.id === command.id) ? 200 : 201, json: command };
  }

  private stored(scope: string, body: RESTPostAPIApplicationCommandsJSONBody, previous: APIApplicationCommand[]): APIApplicationCommand {
    const type = body.type ?? ApplicationCommandType.ChatInput;
    const id = previous.find((c) => c.name === body.name && c.type === type)?.id ?? snowflake();
    return {
      ...(body as object),
      id,
      application_id: this.applicationId,
      ...(scope === GLOBAL ? {} : { guild_id: scope }),
      type,
      description: 'description' in body ? (body.description ?? '') : '',
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
      version: snowflake(),
    } as APIApplicationCommand;
  }
}
