import { discordError, type RecordedRequest, type Reply } from './http.js';

/**
 * How a matching request misbehaves, as Discord's REST does on a bad day:
 * - `hang`: never answered (the connection stays open until the fake closes);
 * - `status`: refused with Discord's error body and that status, the route never runs (e.g. 500);
 * - `delayMs`: handled at once (its effect is visible, as when Discord has done the work) but the
 *   HTTP answer only leaves after the delay (a late 204 / late reply confirmation).
 */
export type RestMisbehaviour = { hang: true } | { status: number } | { delayMs: number };

export interface RestFaultSpec {
  method?: string;
  /** Matched against the request's path after the API version, e.g. `/webhooks/123/abc`. */
  path: RegExp;
  /** How many matching requests misbehave; afterwards they are answered normally. Default: all. */
  times?: number;
  behaviour: RestMisbehaviour;
}

/** A fault in place: which requests it caught, and a way to lift it. */
export class RestFault {
  readonly caught: RecordedRequest[] = [];
  private lifted = false;

  constructor(readonly spec: RestFaultSpec) {}

  matches(request: RecordedRequest): boolean {
    if (this.lifted) return false;
    if (this.spec.times !== undefined && this.caught.length >= this.spec.times) return false;
    return (this.spec.method === undefined || this.spec.method === request.method) && this.spec.path.test(request.path);
  }

  lift(): void {
    this.lifted = true;
  }
}

/** Discord's answer for an injected status: its usual `{ message, code: 0 }` body. */
export function faultReply(status: number): Reply {
  return discordError(status, 0, `${status}: ${status >= 500 ? 'Internal Server Error' : 'Error'}`);
}

/** Paths of the interaction routes, for faults aimed at one kind of answer. */
export const INTERACTION_PATHS = {
  /** `POST /interactions/:id/:token/callback`: the one acknowledgement. */
  callback: /^\/interactions\/\d+\/[^/]+\/callback$/,
  /** `POST /webhooks/:app/:token`: a follow-up message. */
  followup: /^\/webhooks\/\d+\/[^/]+$/,
  /** `PATCH|GET|DELETE /webhooks/:app/:token/messages/@original`. */
  original: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
  /** Every interaction-token route. */
  any: /^\/(interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?)$/,
} as const;
