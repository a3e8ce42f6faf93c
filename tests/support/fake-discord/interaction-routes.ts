import { InteractionResponseType, InteractionType, MessageFlags, type APIInteractionResponse } from 'discord.js';
import type { InteractionExchange, ResponseKind } from './exchange.js';
import { discordError, noContent, ok, type RecordedRequest, type Reply } from './http.js';
import { modalOf, modalProblems } from './menus-and-modals.js';
import type { MessageBody, MessageStore } from './messages.js';
import type { RestRouter } from './rest-router.js';
import type { ChangeSignal } from './signal.js';
import { choicesProblems, invalidFormBody, messageProblems, type Problem } from './validate.js';

export interface InteractionTiming {
  /** Discord forgets an interaction not acknowledged within 3 s: later callbacks get 404 Unknown interaction. */
  ackDeadlineMs: number;
  /** Interaction tokens (and so edits and follow-ups) stop working after 15 minutes. */
  tokenLifetimeMs: number;
}

const MESSAGE_FLAGS_ALLOWED = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
const unknownInteraction = discordError(404, 10062, 'Unknown interaction');
const unknownWebhook = discordError(404, 10015, 'Unknown Webhook');
const unknownMessage = discordError(404, 10008, 'Unknown Message');

/**
 * The interaction-token routes (no bot token needed, as on Discord): the one callback per
 * interaction, then `@original` edits, fetches and deletes, and follow-ups. Each is checked against
 * the interaction's state and Discord's limits, and recorded on its exchange, accepted or not.
 */
export class InteractionRoutes {
  private readonly byId = new Map<string, InteractionExchange>();

  constructor(
    private readonly applicationId: string,
    private readonly store: MessageStore,
    private readonly signal: ChangeSignal,
    private readonly timing: InteractionTiming,
  ) {}

  track(exchange: InteractionExchange): void {
    this.byId.set(exchange.interaction.id, exchange);
  }

  register(router: RestRouter): void {
    const noAuth = { auth: false };
    router
      .route('POST', '/interactions/:id/:token/callback', (p, r) => this.callback(p.id!, p.token!, r), noAuth)
      .route('POST', '/webhooks/:app/:token', (p, r) => this.withExchange(p, r, 'followup', (e) => this.followup(e, r)), noAuth)
      .route('GET', '/webhooks/:app/:token/messages/:message', (p, r) => this.withMessage(p, r, 'fetch', (e, id) => this.fetch(id)), noAuth)
      .route('PATCH', '/webhooks/:app/:token/messages/:message', (p, r) => this.withMessage(p, r, 'edit', (e, id) => this.edit(id, r)), noAuth)
      .route('DELETE', '/webhooks/:app/:token/messages/:message', (p, r) => this.withMessage(p, r, 'delete', (e, id) => this.remove(e, id)), noAuth);
  }

  private record(exchange: InteractionExchange, kind: ResponseKind, request: RecordedRequest, reply: Reply): Reply {
    const error = reply.status >= 400 ? describeError(reply) : undefined;
    exchange.responses.push({ kind, status: reply.status, body: request.body, query: request.query, at: request.at, ...(error ? { error } : {}) });
    this.signal.notify();
    return reply;
  }

  private callback(id: string, token: string, request: RecordedRequest): Reply {
    const exchange = this.byId.get(id);
    if (!exchange || exchange.interaction.token !== token) return unknownInteraction;
    const reply = this.acknowledge(exchange, request);
    return this.record(exchange, 'callback', request, reply);
  }

  private acknowledge(exchange: InteractionExchange, request: RecordedRequest): Reply {
    if (exchange.callback) return discordError(400, 40060, 'Interaction has already been acknowledged.');
    if (request.at - exchange.dispatchedAt > this.timing.ackDeadlineMs) return unknownInteraction;
    const response = request.body as APIInteractionResponse;
    const { interaction } = exchange;
    const kind = interaction.type;
    const fromComponent = kind === InteractionType.MessageComponent || kind === InteractionType.ModalSubmit;
    const allowed: Record<number, boolean> = {
      [InteractionResponseType.ChannelMessageWithSource]: kind !== InteractionType.ApplicationCommandAutocomplete,
      [InteractionResponseType.DeferredChannelMessageWithSource]: kind !== InteractionType.ApplicationCommandAutocomplete,
      [InteractionResponseType.DeferredMessageUpdate]: fromComponent,
      [InteractionResponseType.UpdateMessage]: fromComponent,
      [InteractionResponseType.ApplicationCommandAutocompleteResult]: kind === InteractionType.ApplicationCommandAutocomplete,
      [InteractionResponseType.Modal]: kind === InteractionType.ApplicationCommand || kind === InteractionType.MessageComponent,
    };
    if (!allowed[response?.type]) return discordError(400, 40043, `Interaction response type ${response?.type} is not valid for interaction type ${kind}`);
    const data = ('data' in response ? response.data : undefined) as (MessageBody & { choices?: [] }) | undefined;
    const problems: Problem[] =
      response.type === InteractionResponseType.ApplicationCommandAutocompleteResult
        ? choicesProblems(data?.choices)
        : response.type === InteractionResponseType.ChannelMessageWithSource || response.type === InteractionResponseType.UpdateMessage
          ? messageProblems(data ?? {}, { creating: response.type === InteractionResponseType.ChannelMessageWithSource }).map((p) => ({ ...p, path: ['data', ...p.path] }))
          : response.type === InteractionResponseType.Modal
            ? modalProblems(modalOf(response))
            : [];
    if (problems.length) return invalidFormBody(problems);
    const clicked = 'message' in interaction && interaction.message ? interaction.message.id : undefined;
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = (data?.flags ?? 0) & MESSAGE_FLAGS_ALLOWED;
        const loading = response.type === InteractionResponseType.DeferredChannelMessageWithSource;
        exchange.originalMessageId = this.store.create(interaction, loading ? { flags } : { ...data, flags }, { loading }).id;
        break;
      }
      case InteractionResponseType.UpdateMessage:
        exchange.originalMessageId = clicked;
        if (clicked) this.store.edit(clicked, data ?? {});
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        exchange.originalMessageId = clicked;
        break;
    }
    if (request.query.with_response !== 'true') return noContent;
    const message = exchange.message;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.type,
        response_message_id: message?.id,
        response_message_loading: response.type === InteractionResponseType.DeferredChannelMessageWithSource,
        response_message_ephemeral: exchange.ephemeral,
      },
      resource: { type: response.type, ...(message ? { message } : {}) },
    });
  }

  private withExchange(params: Record<string, string>, request: RecordedRequest, kind: ResponseKind, act: (e: InteractionExchange) => Reply): Reply {
    const exchange = [...this.byId.values()].find((e) => e.interaction.token === params.token);
    if (!exchange || params.app !== this.applicationId) return unknownWebhook;
    if (request.at - exchange.dispatchedAt > this.timing.tokenLifetimeMs) return this.record(exchange, kind, request, unknownWebhook);
    if (!exchange.callback) return this.record(exchange, kind, request, unknownWebhook);
    return this.record(exchange, kind, request, act(exchange));
  }

  private withMessage(params: Record<string, string>, request: RecordedRequest, verb: 'fetch' | 'edit' | 'delete', act: (e: InteractionExchange, id: string) => Reply): Reply {
    const original = params.message === '@original';
    const kind = `${verb}-${original ? 'original' : 'followup'}` as ResponseKind;
    return this.withExchange(params, request, kind, (exchange) => {
      const id = original ? exchange.originalMessageId : exchange.followupIds.find((f) => f === params.message);
      return id === undefined ? unknownMessage : act(exchange, id);
    });
  }

  private followup(exchange: InteractionExchange, request: RecordedRequest): Reply {
    const body = (request.body ?? {}) as MessageBody;
    const problems = messageProblems(body, { creating: true });
    if (problems.length) return invalidFormBody(problems);
    const message = this.store.create(exchange.interaction, { ...body, flags: (body.flags ?? 0) & MESSAGE_FLAGS_ALLOWED });
    exchange.followupIds.push(message.id);
    return request.query.wait === 'false' ? noContent : ok(message);
  }

  private fetch(id: string): Reply {
    const message = this.store.get(id);
    return message ? ok(message) : unknownMessage;
  }

  private edit(id: string, request: RecordedRequest): Reply {
    const body = (request.body ?? {}) as MessageBody;
    const problems = messageProblems(body, { creating: false });
    if (problems.length) return invalidFormBody(problems);
    const message = this.store.edit(id, body);
    return message ? ok(message) : unknownMessage;
  }

  private remove(exchange: InteractionExchange, id: string): Reply {
    if (!this.store.delete(id)) return unknownMessage;
    if (exchange.originalMessageId === id) exchange.originalMessageId = undefined;
    return noContent;
  }
}

function describeError(reply: Reply): string {
  const json = reply.json as { message?: string; code?: number; errors?: unknown } | undefined;
  return `${json?.code ?? ''} ${json?.message ?? ''}${json?.errors ? ` ${JSON.stringify(json.errors)}` : ''}`.trim();
}
