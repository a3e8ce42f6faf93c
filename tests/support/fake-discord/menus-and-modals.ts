import {
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  TextInputStyle,
  type APIApplicationCommand,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { snowflake } from './ids.js';
import { base, type Invoker } from './interactions.js';
import type { Problem } from './validate.js';
import type { World } from './world.js';

/** A message context-menu command ("Find this quote") run on `target`, as Discord sends it. */
export function messageCommandInteraction(world: World, invoker: Invoker, command: APIApplicationCommand, target: APIMessage): APIInteraction {
  return {
    ...base(world, invoker),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    },
  } as unknown as APIInteraction;
}

/**
 * The modal a callback opened (response type 9), or undefined. Modals hold labels (type 18) each
 * wrapping one text input, or the older action rows of text inputs; both are read.
 */
export function modalOf(callback: APIInteractionResponse | undefined): APIModalInteractionResponseCallbackData | undefined {
  return callback?.type === InteractionResponseType.Modal ? callback.data : undefined;
}

interface TextInputLike {
  type: number;
  custom_id?: string;
  label?: string;
  style?: number;
  min_length?: number;
  max_length?: number;
  required?: boolean;
  value?: string;
  placeholder?: string;
}

/** Every text input in a modal, with the label it is shown under. */
export function textInputsOf(modal: APIModalInteractionResponseCallbackData): Array<TextInputLike & { shownLabel: string | undefined; labelDescription?: string }> {
  return (modal.components as unknown as Array<{ type: number; label?: string; description?: string; component?: TextInputLike; components?: TextInputLike[] }>).flatMap((row) => {
    if (row.type === ComponentType.Label && row.component) return [{ ...row.component, shownLabel: row.label, ...(row.description !== undefined ? { labelDescription: row.description } : {}) }];
    return (row.components ?? []).map((input) => ({ ...input, shownLabel: input.label }));
  });
}

/** Discord's limits on a modal: title 1–45, custom id 1–100, 1–5 components, labels ≤ 45, inputs' lengths and values. */
export function modalProblems(modal: APIModalInteractionResponseCallbackData | undefined): Problem[] {
  const problems: Problem[] = [];
  const check = (path: Problem['path'], text: string | undefined, max: number, min = 0): void => {
    const n = text === undefined ? 0 : [...text].length;
    if (n > max) problems.push({ path: ['data', ...path], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    else if (n < min) problems.push({ path: ['data', ...path], code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
  };
  if (!modal) return [{ path: ['data'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  check(['title'], modal.title, 45, 1);
  check(['custom_id'], modal.custom_id, 100, 1);
  if (modal.components.length < 1 || modal.components.length > 5) problems.push({ path: ['data', 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
  const ids = new Set<string>();
  textInputsOf(modal).forEach((input, i) => {
    const at = ['components', i];
    check([...at, 'label'], input.shownLabel, 45, 1);
    check([...at, 'description'], input.labelDescription, 100);
    check([...at, 'custom_id'], input.custom_id, 100, 1);
    check([...at, 'placeholder'], input.placeholder, 100);
    check([...at, 'value'], input.value, 4000);
    if (input.style !== TextInputStyle.Short && input.style !== TextInputStyle.Paragraph) problems.push({ path: ['data', ...at, 'style'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (1, 2).' });
    for (const key of ['min_length', 'max_length'] as const) {
      const value = input[key];
      if (value !== undefined && (value < (key === 'min_length' ? 0 : 1) || value > 4000)) problems.push({ path: ['data', ...at, key], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 0 and 4000.' });
    }
    if (input.custom_id && ids.has(input.custom_id)) problems.push({ path: ['data', ...at, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
    if (input.custom_id) ids.add(input.custom_id);
  });
  return problems;
}

/**
 * What a user sends by filling in and submitting `modal`: a value for each text input (those not
 * given keep their pre-filled value), in labels as the modal had them.
 */
export function modalSubmitInteraction(world: World, invoker: Invoker, modal: APIModalInteractionResponseCallbackData, values: Record<string, string>, message: APIMessage | undefined): APIInteraction {
  const components = textInputsOf(modal).map((input) => ({
    type: ComponentType.Label,
    id: Number(snowflake().slice(-6)),
    component: { type: ComponentType.TextInput, id: Number(snowflake().slice(-6)), custom_id: input.custom_id, value: values[input.custom_id ?? ''] ?? input.value ?? '' },
  }));
  return {
    ...base(world, invoker),
    type: InteractionType.ModalSubmit,
    ...(message ? { message } : {}),
    data: { custom_id: modal.custom_id, components },
  } as unknown as APIInteraction;
}
