import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { settlesWithin } from './deadline.js';
import type { MessageCommand } from './message-command.js';
import type { SlashCommand, CommandContext } from './slash-command.js';
import { NO_MENTIONS } from './respond.js';

const SORRY = 'Something went wrong on my side while answering. It has been logged; please try again.';
const CLOSING = 'I am restarting right now; please ask again in a minute.';
const NOT_MINE = 'That control is not one I can use (it may be from an older version of me). Ask again with /ask or /quote.';

/**
 * Sends each interaction to its command, keeps count of those in flight so shutdown can wait for
 * them, and turns any failure into a short private apology (the detail goes to the log, never a
 * stack trace to the user).
 */
export class InteractionRouter {
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(
    private readonly commands: ReadonlyMap<string, SlashCommand>,
    private readonly context: CommandContext,
    private readonly messageCommands: ReadonlyMap<string, MessageCommand> = new Map(),
  ) {}

  /** The `interactionCreate` listener. */
  readonly handle = (interaction: Interaction): void => {
    const work = this.dispatch(interaction).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  };

  /** Stops taking new interactions and waits (up to `timeoutMs`) for those in flight; true if they all finished. */
  async drain(timeoutMs = 10_000): Promise<boolean> {
    this.accepting = false;
    return settlesWithin(Promise.allSettled([...this.inFlight]), timeoutMs);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    const { logger } = this.context;
    try {
      if (interaction.isAutocomplete()) {
        if (!this.accepting) return void (await interaction.respond([]));
        const command = this.commands.get(interaction.commandName);
        await (command?.autocomplete ? command.autocomplete(interaction, this.context) : interaction.respond([]));
        return;
      }
      if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
        if (!this.accepting) return void (await interaction.reply({ content: CLOSING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
        if (interaction.isButton() && (await this.context.pager.handleButton(interaction))) return;
        if (interaction.isButton() && (await this.context.reports?.handleButton(interaction))) return;
        if (interaction.isModalSubmit() && (await this.context.reports?.handleModal(interaction))) return;
        await this.answerUnknown(interaction);
        return;
      }
      if (interaction.isMessageContextMenuCommand()) {
        if (!this.accepting) return void (await interaction.reply({ content: CLOSING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
        const menu = this.messageCommands.get(interaction.commandName);
        if (!menu) {
          logger.warn({ command: interaction.commandName }, 'unknown message command (commands not redeployed?)');
          await interaction.reply({ content: 'I do not know that command any more. A moderator may need to redeploy the commands.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
          return;
        }
        await menu.execute(interaction, this.context);
        return;
      }
      if (!interaction.isChatInputCommand()) {
        if (interaction.isRepliable()) await this.answerUnknown(interaction);
        return;
      }
      if (!this.accepting) return void (await interaction.reply({ content: CLOSING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
      const command = this.commands.get(interaction.commandName);
      if (!command) {
        logger.warn({ command: interaction.commandName }, 'unknown command (commands not redeployed?)');
        await interaction.reply({ content: 'I do not know that command any more. A moderator may need to redeploy the commands.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      await command.execute(interaction, this.context);
    } catch (error) {
      logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'interaction failed');
      await this.apologise(interaction);
    }
  }

  /**
   * Something Discord delivered that no handler takes (a component id we never made or no longer
   * make, a select menu, a command type we lack): a private word rather than "This interaction
   * failed", and a log line to find where it came from.
   */
  private async answerUnknown(interaction: RepliableInteraction): Promise<void> {
    const customId = 'customId' in interaction ? interaction.customId : undefined;
    this.context.logger.warn(
      { interaction: interaction.id, type: interaction.type, customId, componentType: interaction.isMessageComponent() ? interaction.componentType : undefined, message: interaction.isMessageComponent() ? interaction.message.id : undefined, user: interaction.user.id },
      interaction.isMessageComponent() || interaction.isModalSubmit() ? 'component the bot does not know' : 'interaction the bot does not handle',
    );
    await interaction.reply({ content: NOT_MINE, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  }

  /**
   * The apology goes privately to the person, and never over a public message: once something is
   * shown (an answer, the message a button is on), only a private follow-up is sent. The one message
   * edited is a command's own deferred "thinking…" reply, which was always meant to be filled in.
   */
  private async apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const note = { content: SORRY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
    try {
      if (!interaction.deferred && !interaction.replied) await interaction.reply(note);
      else if (interaction.isCommand() && interaction.deferred && !interaction.replied) await interaction.editReply({ content: SORRY, embeds: [], components: [], allowedMentions: NO_MENTIONS });
      else await interaction.followUp(note);
    } catch (error) {
      this.context.logger.warn({ err: error }, 'could not tell the user about the failure');
    }
  }
}
