import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord.js';

/** The filter options `/ask` and `/quote` both take, defined once so they cannot drift apart. */
export const FILTER_OPTIONS: APIApplicationCommandBasicOption[] = [
  { type: ApplicationCommandOptionType.String, name: 'source', description: 'Only quotes from this outlet', autocomplete: true, max_length: 100 },
  { type: ApplicationCommandOptionType.String, name: 'from', description: 'Earliest article date, YYYY-MM-DD', min_length: 10, max_length: 10 },
  { type: ApplicationCommandOptionType.String, name: 'to', description: 'Latest article date, YYYY-MM-DD', min_length: 10, max_length: 10 },
  { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the answer only to me' },
];
