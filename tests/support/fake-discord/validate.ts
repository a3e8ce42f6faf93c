import { ApplicationCommandOptionType, ApplicationCommandType, ButtonStyle, ComponentType } from 'discord.js';
import { discordError, type Reply } from './http.js';
import type { MessageBody } from './messages.js';

/** One way a body breaks Discord's documented limits, at a path like `embeds.0.description`. */
export interface Problem {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Discord counts characters, not UTF-16 units. */
const length = (text: string | undefined | null): number => (text ? [...text].length : 0);

function maxLength(problems: Problem[], path: Problem['path'], text: string | undefined | null, max: number, min = 0): void {
  const n = length(text);
  if (n > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  else if (n < min) problems.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
}

/**
 * A 400 "Invalid Form Body" (code 50035) shaped like Discord's, with nested `errors`, so discord.js
 * turns it into the same DiscordAPIError message the real API would produce.
 */
export function invalidFormBody(problems: Problem[]): Reply {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code: problem.code, message: problem.message });
  }
  return discordError(400, 50035, 'Invalid Form Body', errors);
}

/** Limits of a message body: content, embeds (each and 6000 in all), components, allowed mentions. */
export function messageProblems(body: MessageBody, options: { creating: boolean }): Problem[] {
  const problems: Problem[] = [];
  maxLength(problems, ['content'], body.content, 2000);
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) problems.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  let total = 0;
  embeds.forEach((embed, i) => {
    maxLength(problems, ['embeds', i, 'title'], embed.title, 256);
    maxLength(problems, ['embeds', i, 'description'], embed.description, 4096);
    maxLength(problems, ['embeds', i, 'footer', 'text'], embed.footer?.text, 2048);
    maxLength(problems, ['embeds', i, 'author', 'name'], embed.author?.name, 256);
    if ((embed.fields?.length ?? 0) > 25) problems.push({ path: ['embeds', i, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    embed.fields?.forEach((field, j) => {
      maxLength(problems, ['embeds', i, 'fields', j, 'name'], field.name, 256, 1);
      maxLength(problems, ['embeds', i, 'fields', j, 'value'], field.value, 1024, 1);
    });
    for (const key of ['url'] as const) {
      const url = embed[key];
      if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) problems.push({ path: ['embeds', i, key], code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
    }
    total += length(embed.title) + length(embed.description) + length(embed.footer?.text) + length(embed.author?.name);
    total += (embed.fields ?? []).reduce((sum, f) => sum + length(f.name) + length(f.value), 0);
  });
  if (total > 6000) problems.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  problems.push(...componentProblems(body.components ?? []));
  const allowed = body.allowed_mentions;
  if (allowed?.parse?.includes('users' as never) && allowed.users?.length) {
    problems.push({ path: ['allowed_mentions'], code: 'MENTION_PARSE_CONFLICT', message: 'parse:["users"] and users: [ids] are mutually exclusive.' });
  }
  const empty = !body.content && embeds.length === 0 && (body.components ?? []).length === 0 && (body.attachments ?? []).length === 0 && !body.poll;
  if (options.creating && empty) problems.push({ path: [], code: 'EMPTY_MESSAGE', message: 'Cannot send an empty message' });
  return problems;
}

function componentProblems(rows: readonly unknown[]): Problem[] {
  const problems: Problem[] = [];
  if (rows.length > 5) problems.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const { type, components = [] } = row as { type: number; components?: Array<Record<string, unknown>> };
    if (type !== ComponentType.ActionRow) return;
    if (components.length < 1 || components.length > 5) problems.push({ path: ['components', i, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
    components.forEach((component, j) => {
      if (component.type !== ComponentType.Button) return;
      const path = ['components', i, 'components', j];
      maxLength(problems, [...path, 'label'], component.label as string | undefined, 80);
      const customId = component.custom_id as string | undefined;
      if (component.style === ButtonStyle.Link) {
        if (!component.url) problems.push({ path: [...path, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        return;
      }
      if (component.style === ButtonStyle.Premium) return;
      if (!customId) {
        problems.push({ path: [...path, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        return;
      }
      maxLength(problems, [...path, 'custom_id'], customId, 100, 1);
      if (ids.has(customId)) problems.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      ids.add(customId);
    });
  });
  return problems;
}

/** Autocomplete answers: at most 25 choices, names 1–100 characters, string values at most 100. */
export function choicesProblems(choices: ReadonlyArray<{ name: string; value: string | number }> | undefined): Problem[] {
  const problems: Problem[] = [];
  const list = choices ?? [];
  if (list.length > 25) problems.push({ path: ['data', 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  list.forEach((choice, i) => {
    maxLength(problems, ['data', 'choices', i, 'name'], choice.name, 100, 1);
    if (typeof choice.value === 'string') maxLength(problems, ['data', 'choices', i, 'value'], choice.value, 100);
  });
  return problems;
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** User and message (context-menu) commands may have capitals and spaces: "Find this quote". */
const MENU_NAME = /^(?=.{1,32}$)\S(?:.*\S)?$/u;

interface CommandLike {
  name?: string;
  description?: string;
  type?: number;
  options?: OptionLike[];
  default_member_permissions?: string | null;
}
interface OptionLike {
  name?: string;
  description?: string;
  type?: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: OptionLike[];
  min_length?: number;
  max_length?: number;
}

/** What Discord checks when commands are registered: names, descriptions, option order and counts. */
export function commandProblems(commands: unknown): Problem[] {
  if (!Array.isArray(commands)) return [{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const problems: Problem[] = [];
  if (commands.length > 100) problems.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  const seen = new Set<string>();
  (commands as CommandLike[]).forEach((command, i) => {
    const type = command.type ?? ApplicationCommandType.ChatInput;
    const chatInput = type === ApplicationCommandType.ChatInput;
    const key = `${type}:${command.name}`;
    if (seen.has(key)) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    seen.add(key);
    nameProblems(problems, [i], command.name, chatInput);
    if (chatInput) maxLength(problems, [i, 'description'], command.description, 100, 1);
    const perms = command.default_member_permissions;
    if (perms !== undefined && perms !== null && !/^\d+$/.test(perms)) problems.push({ path: [i, 'default_member_permissions'], code: 'NUMBER_TYPE_COERCE', message: `Value "${perms}" is not snowflake.` });
    optionProblems(problems, [i, 'options'], command.options ?? []);
    const size = length(command.name) + length(command.description) + optionCharacters(command.options ?? []);
    if (size > 8000) problems.push({ path: [i], code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (8000)' });
  });
  return problems;
}

function nameProblems(problems: Problem[], path: Problem['path'], name: string | undefined, lowercase: boolean): void {
  if (!name || !(lowercase ? NAME : MENU_NAME).test(name) || (lowercase && name !== name.toLowerCase())) {
    problems.push({ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name is invalid` });
  }
}

function optionProblems(problems: Problem[], path: Problem['path'], options: OptionLike[]): void {
  if (options.length > 25) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    const at = [...path, i];
    nameProblems(problems, at, option.name, true);
    if (option.name && names.has(option.name)) problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    if (option.name) names.add(option.name);
    maxLength(problems, [...at, 'description'], option.description, 100, 1);
    const nested = option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (!nested) {
      if (option.required && optionalSeen) problems.push({ path: [...at, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
      if (!option.required) optionalSeen = true;
    }
    if (option.autocomplete && option.choices?.length) problems.push({ path: [...at, 'autocomplete'], code: 'AUTOCOMPLETE_CHOICES_CONFLICT', message: 'Autocomplete cannot be set with choices' });
    if ((option.choices?.length ?? 0) > 25) problems.push({ path: [...at, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    option.choices?.forEach((choice, j) => {
      maxLength(problems, [...at, 'choices', j, 'name'], choice.name, 100, 1);
      if (typeof choice.value === 'string') maxLength(problems, [...at, 'choices', j, 'value'], choice.value, 100);
    });
    for (const key of ['min_length', 'max_length'] as const) {
      const value = option[key];
      if (value !== undefined && (value < (key === 'min_length' ? 0 : 1) || value > 6000)) problems.push({ path: [...at, key], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 0 and 6000.' });
    }
    if (option.options) optionProblems(problems, [...at, 'options'], option.options);
  });
}

function optionCharacters(options: OptionLike[]): number {
  return options.reduce(
    (sum, o) => sum + length(o.name) + length(o.description) + (o.choices ?? []).reduce((s, c) => s + length(c.name) + length(String(c.value)), 0) + optionCharacters(o.options ?? []),
    0,
  );
}
