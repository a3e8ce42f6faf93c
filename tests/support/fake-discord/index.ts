/** The loopback Discord for tests: see {@link FakeDiscord}. */
export { FakeDiscord, type AutocompleteRun, type ButtonClick, type CommandRun, type FakeDiscordOptions, type InvokeAs, type MenuChoice, type MessageCommandRun, type ModalSubmission, type WaitOptions } from './fake-discord.js';
export { InteractionExchange, type InteractionResponseRecord, type ResponseKind } from './exchange.js';
export type { GatewayConnection, GatewayFrame, ResumeRecord } from './gateway.js';
export type { RecordedRequest } from './http.js';
export { fakeBotToken, snowflake } from './ids.js';
export { pingsOf, type MessageBody } from './messages.js';
export { BOT_PERMISSIONS, MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS, makeUser, World } from './world.js';
export { INTERACTION_PATHS, RestFault, type RestFaultSpec, type RestMisbehaviour } from './rest-faults.js';
export { ChannelMessages, type ChannelPost, type Place, type SayOptions } from './channel-messages.js';
export { modalOf, textInputsOf } from './menus-and-modals.js';
