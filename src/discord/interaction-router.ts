import { MessageFlags, type Interaction } from 'discord.js';
import type { MessageCommand } from './message-command.js';
import type { SlashCommand, CommandContext } from './slash-command.js';
import { NO_MENTIONS } from './respond.js';

const SORRY = 'Something went wrong on my side while answering. It has been logged; please try again.';
const CLOSING = 'I am restarting right now; please ask again in a minute.';

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

  /** Stops taking new interactions and waits (up to `timeoutMs`) for those in flight. */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
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
      if (interaction.isButton()) {
        if (!this.accepting) return void (await interaction.reply({ content: CLOSING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
        if (await this.context.pager.handleButton(interaction)) return;
        await this.context.reports?.handleButton(interaction);
        return;
      }
      if (interaction.isModalSubmit()) {
        if (!this.accepting) return void (await interaction.reply({ content: CLOSING, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
        if (await this.context.reports?.handleModal(interaction)) return;
        logger.warn({ customId: interaction.customId }, 'modal the bot did not make');
        await interaction.reply({ content: 'I do not know that form. If you were reporting a speaker, press "Wrong speaker?" again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
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
      if (!interaction.isChatInputCommand()) return;
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

  private async apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    try {
      if (interaction.deferred || interaction.replied) await interaction.editReply({ content: SORRY, embeds: [], components: [], allowedMentions: NO_MENTIONS });
      else await interaction.reply({ content: SORRY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } catch (error) {
      this.context.logger.warn({ err: error }, 'could not tell the user about the failure');
    }
  }
}
