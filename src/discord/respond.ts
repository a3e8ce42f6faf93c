import {
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { escapeForDiscord } from './escape.js';

/** Never ping anyone, whatever the text contains. Also set client-wide; repeated here on purpose. */
export const NO_MENTIONS = { parse: [] as never[] };

export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIButtonComponent>>;
  ephemeral?: boolean;
}

/** Replies, or edits the deferred reply, whichever the interaction is ready for. */
export async function respond(interaction: ChatInputCommandInteraction, payload: ReplyPayload): Promise<void> {
  const message = {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(message);
    return;
  }
  await interaction.reply({ ...message, ...(payload.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

/** A plain, private message for something the user can fix; user input in it is escaped. */
export async function respondWithProblem(interaction: ChatInputCommandInteraction, message: string): Promise<void> {
  await respond(interaction, { content: escapeForDiscord(message), ephemeral: true });
}
