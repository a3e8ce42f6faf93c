import {
  InteractionResponseType,
  MessageFlags,
  type APIAllowedMentions,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
} from 'discord.js';
import { buttonsOf, type MessageBody, type MessageStore } from './messages.js';
import type { ChangeSignal } from './signal.js';

export type ResponseKind = 'callback' | 'edit-original' | 'fetch-original' | 'delete-original' | 'followup' | 'edit-followup' | 'delete-followup';

/** One thing the bot did about an interaction, accepted (2xx) or refused by the fake like Discord would. */
export interface InteractionResponseRecord {
  kind: ResponseKind;
  status: number;
  /** The request body: an `APIInteractionResponse` for callbacks, message fields otherwise. */
  body: unknown;
  query: Record<string, string>;
  at: number;
  /** Why the fake refused it (Discord's error message), when status ≥ 400. */
  error?: string;
}

/**
 * An interaction the fake dispatched and everything the bot answered to it. It stays live: the getters
 * always show the current state (a later page flip is visible on the `/ask` exchange's `message` too).
 */
export class InteractionExchange {
  readonly responses: InteractionResponseRecord[] = [];
  /** Id of the message `@original` refers to, once there is one. */
  originalMessageId: string | undefined;
  readonly followupIds: string[] = [];

  constructor(
    readonly interaction: APIInteraction,
    readonly dispatchedAt: number,
    private readonly store: MessageStore,
    private readonly signal: ChangeSignal,
  ) {}

  get accepted(): InteractionResponseRecord[] {
    return this.responses.filter((r) => r.status < 400);
  }

  /** Responses the fake refused (too late, twice acknowledged, over a limit, unknown message...). */
  get rejected(): InteractionResponseRecord[] {
    return this.responses.filter((r) => r.status >= 400);
  }

  /**
   * Refusals, less the `@original` edits refused as an unknown webhook before the callback was
   * recorded. An HTTP-interactions endpoint edits once its response has left, and Discord (here the
   * signer, forwarding the response) may not have recorded the deferral yet; the endpoint tries again.
   */
  get rejectedUnlessRaced(): InteractionResponseRecord[] {
    const acknowledgedAt = this.accepted.find((r) => r.kind === 'callback')?.at ?? Infinity;
    return this.rejected.filter((r) => !(r.kind === 'edit-original' && r.error?.startsWith('10015') && r.at <= acknowledgedAt));
  }

  /** The accepted interaction callback (there is at most one). */
  get callback(): APIInteractionResponse | undefined {
    return this.accepted.find((r) => r.kind === 'callback')?.body as APIInteractionResponse | undefined;
  }

  /** Milliseconds from dispatch to the accepted callback: what Discord's 3-second rule is about. */
  get latencyMs(): number | undefined {
    const callback = this.accepted.find((r) => r.kind === 'callback');
    return callback && callback.at - this.dispatchedAt;
  }

  /** Current state of the `@original` message (the reply, or for a button the message it is on). */
  get message(): APIMessage | undefined {
    return this.originalMessageId === undefined ? undefined : this.store.get(this.originalMessageId);
  }

  get followups(): APIMessage[] {
    return this.followupIds.flatMap((id) => this.store.get(id) ?? []);
  }

  /** Bodies of the accepted edits of `@original`, in order. */
  get edits(): MessageBody[] {
    return this.accepted.filter((r) => r.kind === 'edit-original').map((r) => r.body as MessageBody);
  }

  get ephemeral(): boolean {
    return ((this.message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /** Autocomplete choices the bot offered. */
  get choices(): APIApplicationCommandOptionChoice[] | undefined {
    const callback = this.callback;
    return callback?.type === InteractionResponseType.ApplicationCommandAutocompleteResult ? callback.data.choices : undefined;
  }

  /** `allowed_mentions` of every accepted message-bearing body (undefined where the bot sent none). */
  get allowedMentions(): Array<APIAllowedMentions | undefined> {
    return this.accepted.flatMap((r) => {
      const body = (r.kind === 'callback' ? (r.body as { data?: MessageBody }).data : (r.body as MessageBody | undefined)) ?? undefined;
      if (!body || !('content' in body || 'embeds' in body || 'components' in body)) return [];
      return [body.allowed_mentions ?? undefined];
    });
  }

  /** Everything a user could read in the original message and the follow-ups, for `toContain` checks. */
  get text(): string {
    return [this.message, ...this.followups]
      .flatMap((m) => (m ? [m.content, ...m.embeds.flatMap((e) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text])] : []))
      .filter((part): part is string => Boolean(part))
      .join('\n');
  }

  /** Buttons (with custom ids) on the `@original` message. */
  get buttons(): APIButtonComponentWithCustomId[] {
    return buttonsOf(this.message).filter((b): b is APIButtonComponentWithCustomId => 'custom_id' in b);
  }

  /**
   * Whether the bot has given its answer: an immediate reply, update or autocomplete result; or, after
   * a deferral, the edit or follow-up that fills it in.
   */
  get answered(): boolean {
    const callback = this.callback;
    if (!callback) return false;
    if (callback.type === InteractionResponseType.DeferredChannelMessageWithSource || callback.type === InteractionResponseType.DeferredMessageUpdate) {
      return this.accepted.some((r) => r.kind === 'edit-original' || r.kind === 'followup');
    }
    return true;
  }

  /** Waits until `predicate` holds (default: `answered`); rejects after `timeoutMs` with what was seen. */
  async waitFor(predicate: (exchange: this) => boolean = (e) => e.answered, timeoutMs = 5_000): Promise<this> {
    return this.signal.waitUntil(() => predicate(this) && this, timeoutMs, () => `for the bot to answer ${this.describe()}`);
  }

  describe(): string {
    const { interaction } = this;
    const name = 'data' in interaction && interaction.data && 'name' in interaction.data ? `/${interaction.data.name}` : 'custom_id' in (interaction.data ?? {}) ? `button ${(interaction.data as { custom_id: string }).custom_id}` : '';
    const seen = this.responses.map((r) => `${r.kind} ${r.status}${r.error ? ` (${r.error})` : ''}`).join(', ') || 'nothing';
    return `interaction ${interaction.id} (type ${interaction.type} ${name}); responses so far: ${seen}`;
  }
}
