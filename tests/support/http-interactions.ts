import { generateKeyPairSync, sign } from 'node:crypto';
import type { APIInteractionResponse } from 'discord.js';
import type { FakeDiscord } from './fake-discord/index.js';
import type { InteractionExchange } from './fake-discord/exchange.js';

/**
 * Discord's side of an HTTP interactions endpoint: an application key pair, requests signed as
 * Discord signs them, and the endpoint's HTTP response handed to the loopback Discord as the
 * interaction's callback (so its 3 s rule, limits and later webhook edits all apply).
 */
export class InteractionSigner {
  private readonly keys = generateKeyPairSync('ed25519');

  /** The public key as the developer portal shows it: 64 hex characters. */
  get publicKeyHex(): string {
    const der = this.keys.publicKey.export({ format: 'der', type: 'spki' });
    return der.subarray(der.length - 32).toString('hex');
  }

  headers(body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.keys.privateKey).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  }

  /** POSTs a signed body; returns the status and parsed JSON response. */
  async post(endpoint: string, payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify(payload);
    const response = await fetch(endpoint, { method: 'POST', headers: headers ?? this.headers(body), body });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  /**
   * Delivers a prepared interaction to the first endpoint that takes it, as a load balancer in
   * front of replicas does: a replica that refuses the connection or drops it without a response
   * has sent nothing to Discord, so the next one is tried. The response becomes the callback.
   */
  async deliver(discord: FakeDiscord, exchange: InteractionExchange, endpoints: readonly string[], options: { timeoutMs?: number } = {}): Promise<InteractionExchange> {
    const errors: string[] = [];
    for (const endpoint of endpoints) {
      let response: { status: number; body: unknown };
      try {
        response = await this.post(endpoint, exchange.interaction);
      } catch (error) {
        errors.push(`${endpoint}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (response.status !== 200) throw new Error(`endpoint ${endpoint} answered ${response.status}: ${JSON.stringify(response.body)}`);
      const callback = await fetch(`${discord.restUrl}/v10/interactions/${exchange.interaction.id}/${exchange.interaction.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(response.body as APIInteractionResponse),
      });
      if (!callback.ok) throw new Error(`Discord refused the endpoint's response: ${callback.status} ${await callback.text()}`);
      return exchange.waitFor(undefined, options.timeoutMs ?? 15_000);
    }
    throw new Error(`no endpoint took the interaction: ${errors.join('; ')}`);
  }
}
