import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  REST,
  Routes,
  type APIActionRowComponent,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIButtonComponent,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Answer } from '../../answer/answer.js';
import type { CorpusStats } from '../../desk/corpus-version.js';
import type { Speaker } from '../../quotes/speaker-directory.js';
import type { QuoteStore } from '../../store/quote-store.js';
import { answerEmbeds, pageCount } from '../answer-embeds.js';
import type { ReloadResult } from '../../desk/reload-report.js';
import { escapeForDiscord } from '../escape.js';
import { reloadEmbeds } from '../reload-embed.js';
import { NO_MENTIONS } from '../respond.js';
import type { PageStore } from '../../store/page-store.js';
import { isSignedByDiscord } from './signature.js';

/** Largest body accepted: interactions are a few kilobytes. */
const MAX_BODY_BYTES = 64 * 1024;
/** Discord's button custom_id prefix for pages served from the shared page store. */
const PAGE_PREFIX = 'qd-sp';
/** Discord's Manage Server permission bit, which /reload requires. */
const MANAGE_GUILD = 1n << 5n;
/** Discord's error code for a webhook (interaction token) it does not know (yet). */
const UNKNOWN_WEBHOOK = 10015;
/** Paged answers last as long as the interaction token that edits them (15 minutes). */
const PAGE_TTL_MS = 14 * 60_000;

/** What the interactions endpoint answers from: the shared quote store and the speaker and outlet lists of its current version. */
export interface InteractionBackend {
  store: QuoteStore;
  completeSpeakers(prefix: string, limit: number): Speaker[];
  outlets(): readonly string[];
  stats(): CorpusStats;
  pages: PageStore;
  /**
   * Runs `/reload`: this process becomes the writer for one ingest (one at a time across all
   * processes); every replica switches to the version it writes. Absent: /reload says how to ingest.
   */
  reload?: (trigger: string) => Promise<ReloadResult>;
}

export interface InteractionServerOptions {
  publicKey: KeyObject;
  applicationId: string;
  backend: InteractionBackend;
  logger: Logger;
  /** Discord's REST base (the loopback Discord in tests); follow-ups after a deferral go there. */
  restApi?: string;
  /**
   * How long an answer may take before the endpoint defers (type 5) and edits the reply in later.
   * Well inside Discord's 3 s; most answers take milliseconds and go back in the response itself,
   * which also means a replica that dies mid-request has sent nothing and the load balancer can retry.
   */
  deferAfterMs?: number;
}

export interface InteractionServer {
  server: Server;
  /** Interactions being answered now (drained on shutdown). */
  readonly inFlight: number;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Slash commands over HTTP (Discord's "interactions endpoint URL") instead of the gateway: each
 * request is verified (Ed25519, 401 otherwise), PINGs get PONG, and commands are answered by
 * whichever replica the load balancer picked. The replicas hold no state of their own: quotes and
 * paged answers are in PostgreSQL.
 */
export function createInteractionServer(options: InteractionServerOptions): InteractionServer {
  const { logger } = options;
  const rest = new REST({ ...(options.restApi ? { api: options.restApi } : {}) });
  let inFlight = 0;
  const server = createServer((request, response) => {
    inFlight += 1;
    handle(request, response)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'interaction failed');
        if (!response.headersSent) send(response, 500, { error: 'internal error' });
      })
      .finally(() => (inFlight -= 1));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, { error: 'POST interactions here' });
    const body = await readBody(request);
    if (body === null) return send(response, 413, { error: 'body too large' });
    const signature = header(request, 'x-signature-ed25519');
    const timestamp = header(request, 'x-signature-timestamp');
    if (!isSignedByDiscord(options.publicKey, signature, timestamp, body)) return send(response, 401, { error: 'invalid request signature' });
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      return send(response, 400, { error: 'body is not JSON' });
    }
    if (interaction.type === InteractionType.Ping) return send(response, 200, { type: InteractionResponseType.Pong });
    const responded = new Promise<void>((resolve) => response.once('close', () => resolve()));
    const reply = await respondWithin(interaction, responded);
    send(response, 200, reply);
  }

  /**
   * The answer in the response when ready in time; otherwise a deferral now and an edit when it is
   * (after the deferral has gone: Discord knows no reply to edit before it).
   */
  async function respondWithin(interaction: APIInteraction, responded: Promise<void>): Promise<APIInteractionResponse> {
    const work = route(interaction);
    const deferAfter = options.deferAfterMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deferAfter)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    const ephemeral = isChatInput(interaction) && (option(interaction, 'hide') === true || interaction.data.name === 'reload');
    void Promise.all([work, responded]).then(
      ([finished]) => editOriginal(interaction, finished),
      (error: unknown) => logger.error({ err: error }, 'deferred interaction failed'),
    );
    if (interaction.type === InteractionType.MessageComponent) return { type: InteractionResponseType.DeferredMessageUpdate };
    return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} };
  }

  /** Edits the deferred reply in; Discord may take a moment to record the deferral, so an unknown webhook is tried twice more. */
  async function editOriginal(interaction: APIInteraction, finished: APIInteractionResponse): Promise<void> {
    const data = 'data' in finished ? (finished.data as APIInteractionResponseCallbackData) : {};
    for (let attempt = 1; ; attempt += 1) {
      try {
        await rest.patch(Routes.webhookMessage(options.applicationId, interaction.token), { body: { ...data, flags: undefined }, auth: false });
        return;
      } catch (error) {
        if (attempt >= 3 || (error as { code?: unknown }).code !== UNKNOWN_WEBHOOK) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  async function route(interaction: APIInteraction): Promise<APIInteractionResponse> {
    if (interaction.type === InteractionType.ApplicationCommand && isChatInput(interaction)) return command(interaction);
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return autocomplete(interaction);
    if (interaction.type === InteractionType.MessageComponent) return button(interaction);
    return message('This kind of interaction is not handled here.', true);
  }

  async function command(interaction: ChatInput): Promise<APIInteractionResponse> {
    const name = interaction.data.name;
    const filters = { source: stringOption(interaction, 'source'), from: stringOption(interaction, 'from'), to: stringOption(interaction, 'to') };
    const hide = option(interaction, 'hide') === true;
    const user = interaction.member?.user.id ?? interaction.user?.id ?? 'unknown';
    if (name === 'ask') return answerReply(await options.backend.store.ask({ question: stringOption(interaction, 'question') ?? '', filters }), user, hide);
    if (name === 'quote') {
      const answer = await options.backend.store.lookUp({ speaker: stringOption(interaction, 'speaker') ?? '', topic: stringOption(interaction, 'topic') ?? null, filters });
      return answerReply(answer, user, hide);
    }
    if (name === 'corpus') {
      const stats = options.backend.stats();
      return message(`${stats.articles} articles · ${stats.quotes} quotes (${stats.directQuotes} direct) · ${stats.speakers} speakers; corpus ${options.backend.store.versionId.slice(0, 8)}`, true);
    }
    if (name === 'reload') return reload(interaction, user);
    return message(`Unknown command /${escapeForDiscord(name)}.`, true);
  }

  async function reload(interaction: ChatInput, user: string): Promise<APIInteractionResponse> {
    const permissions = BigInt(interaction.member?.permissions ?? '0');
    if ((permissions & MANAGE_GUILD) === 0n) return message('Only moderators with the Manage Server permission can reload the corpus.', true);
    if (!options.backend.reload) return message('This deployment reads the corpus from PostgreSQL: run `npm run ingest` on the writer to reload it; every replica switches at once.', true);
    const result = await options.backend.reload(`/reload by ${user}`);
    if (result.status === 'busy') return message('A reload is already running; try again in a moment.', true);
    return { type: InteractionResponseType.ChannelMessageWithSource, data: { embeds: reloadEmbeds(result), allowed_mentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } };
  }

  async function answerReply(answer: Answer, ownerId: string, hide: boolean): Promise<APIInteractionResponse> {
    logger.info({ status: answer.status, matches: answer.totalMatches, corpus: answer.corpusVersion }, 'answered');
    if (answer.status !== 'answered') return message(answer.message, true);
    const pages = pageCount(answer);
    const data: APIInteractionResponseCallbackData = { embeds: answerEmbeds(answer, 0), allowed_mentions: NO_MENTIONS, ...(hide ? { flags: MessageFlags.Ephemeral } : {}) };
    if (pages > 1) data.components = [pageButtons(await options.backend.pages.put(answer, ownerId, PAGE_TTL_MS), 0, pages)];
    return { type: InteractionResponseType.ChannelMessageWithSource, data };
  }

  async function button(interaction: Extract<APIInteraction, { type: InteractionType.MessageComponent }>): Promise<APIInteractionResponse> {
    const match = new RegExp(`^${PAGE_PREFIX}:([\\w-]+):(\\d+)$`).exec(interaction.data.custom_id);
    if (!match) return message('This button is not one of mine.', true);
    const paged = await options.backend.pages.get(match[1]!);
    if (!paged) return { type: InteractionResponseType.UpdateMessage, data: { components: [], allowed_mentions: NO_MENTIONS } };
    const user = interaction.member?.user.id ?? interaction.user?.id;
    if (user !== paged.ownerId) return message('Only the person who asked can turn these pages. Ask your own question with /ask or /quote.', true);
    const pages = pageCount(paged.answer);
    const page = Math.min(Number(match[2]), pages - 1);
    return { type: InteractionResponseType.UpdateMessage, data: { embeds: answerEmbeds(paged.answer, page), components: [pageButtons(match[1]!, page, pages)], allowed_mentions: NO_MENTIONS } };
  }

  async function autocomplete(interaction: Extract<APIInteraction, { type: InteractionType.ApplicationCommandAutocomplete }>): Promise<APIInteractionResponse> {
    const focused = (interaction.data.options as APIApplicationCommandInteractionDataBasicOption[]).find((candidate) => 'focused' in candidate && candidate.focused);
    const typed = String(focused?.value ?? '');
    let choices: Array<{ name: string; value: string }>;
    if (focused?.name === 'source') {
      const lower = typed.toLowerCase();
      choices = options.backend.outlets().filter((outlet) => outlet.toLowerCase().includes(lower)).map((outlet) => ({ name: outlet.slice(0, 100), value: outlet.slice(0, 100) }));
    } else {
      choices = options.backend.completeSpeakers(typed, 25).map((speaker) => {
        const count = ` — ${speaker.quoteCount} quote${speaker.quoteCount === 1 ? '' : 's'}`;
        return { name: `${speaker.name.slice(0, 100 - count.length)}${count}`, value: speaker.name.slice(0, 100) };
      });
    }
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: choices.slice(0, 25) } };
  }

  return {
    server,
    get inFlight() {
      return inFlight;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address !== null ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type ChatInput = Extract<APIInteraction, { type: InteractionType.ApplicationCommand }> & { data: { options?: APIApplicationCommandInteractionDataBasicOption[]; name: string } };

function isChatInput(interaction: APIInteraction): interaction is ChatInput {
  return interaction.type === InteractionType.ApplicationCommand && interaction.data.type === 1;
}

function option(interaction: ChatInput, name: string): string | number | boolean | undefined {
  return interaction.data.options?.find((candidate) => candidate.name === name)?.value as string | number | boolean | undefined;
}

function stringOption(interaction: ChatInput, name: string): string | undefined {
  const value = option(interaction, name);
  return typeof value === 'string' ? value : undefined;
}

function message(text: string, ephemeral: boolean): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: escapeForDiscord(text), allowed_mentions: NO_MENTIONS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } };
}

function pageButtons(id: string, page: number, pages: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: `${PAGE_PREFIX}:${id}:${page - 1}`, disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${page + 1} / ${pages}`, custom_id: `${PAGE_PREFIX}:${id}:${page}:label`, disabled: true },
      { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Next', custom_id: `${PAGE_PREFIX}:${id}:${page + 1}`, disabled: page >= pages - 1 },
    ],
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
