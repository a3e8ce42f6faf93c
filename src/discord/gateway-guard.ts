import {
  SimpleContextFetchingStrategy,
  WebSocketShard,
  WebSocketShardEvents,
  managerToFetchingStrategyOptions,
  type IShardingStrategy,
  type WebSocketManager,
  type WebSocketShardDestroyOptions,
  type WebSocketShardStatus,
} from '@discordjs/ws';
import { Collection } from '@discordjs/collection';
import type { GatewaySendPayload } from 'discord.js';

/** Told about an event whose handler threw: which event, and (for a dispatch) its name and sequence. */
export type GatewayHandlerFailure = (failure: { error: unknown; event: string; dispatch?: string; sequence?: number; shardId: number }) => void;

/**
 * The shards of discord.js' gateway connection, as `@discordjs/ws`' SimpleShardingStrategy runs
 * them, except that an exception thrown by a listener of a shard event (discord.js' own packet
 * handlers among them) is reported and contained instead of escaping from the shard's message loop.
 *
 * Why: there it becomes an unhandled rejection, and Node ends the process. discord.js 14.28.1's
 * RESUMED handler throws when Discord sends op 9 right after RESUMED (docs/upstream/discordjs-resumed-op9.md);
 * any future handler bug would do the same. The shard itself is unaffected by a listener's failure:
 * after op 9 it identifies again on its own, and one bad event never takes the bot down.
 *
 * Installed through discord.js' public `ws.buildStrategy` client option.
 */
export class GuardedShardingStrategy implements IShardingStrategy {
  private readonly shards = new Collection<number, WebSocketShard>();

  constructor(
    private readonly manager: WebSocketManager,
    private readonly onFailure: GatewayHandlerFailure,
  ) {}

  async spawn(shardIds: number[]): Promise<void> {
    const strategyOptions = await managerToFetchingStrategyOptions(this.manager);
    for (const shardId of shardIds) {
      const shard = new WebSocketShard(new SimpleContextFetchingStrategy(this.manager, strategyOptions), shardId);
      for (const event of Object.values(WebSocketShardEvents)) {
        shard.on(event, (payload?: object) => this.forward(event, payload, shardId));
      }
      this.shards.set(shardId, shard);
    }
  }

  async connect(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.connect()));
  }

  async destroy(options?: Omit<WebSocketShardDestroyOptions, 'recover'>): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.destroy(options)));
    this.shards.clear();
  }

  async send(shardId: number, payload: GatewaySendPayload): Promise<void> {
    const shard = this.shards.get(shardId);
    if (!shard) throw new RangeError(`Shard ${shardId} not found`);
    await shard.send(payload);
  }

  fetchStatus(): Collection<number, WebSocketShardStatus> {
    return this.shards.mapValues((shard) => shard.status);
  }

  private forward(event: WebSocketShardEvents, payload: object | undefined, shardId: number): void {
    try {
      (this.manager.emit as (name: string, data: object) => boolean)(event, { ...payload, shardId });
    } catch (error) {
      const data = event === WebSocketShardEvents.Dispatch ? (payload as { data?: { t?: string; s?: number } } | undefined)?.data : undefined;
      this.onFailure({ error, event, shardId, ...(data?.t ? { dispatch: data.t } : {}), ...(typeof data?.s === 'number' ? { sequence: data.s } : {}) });
    }
  }
}
