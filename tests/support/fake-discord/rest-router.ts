import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { discordError, readBody, send, type RecordedRequest, type Reply } from './http.js';
import { faultReply, RestFault, type RestFaultSpec } from './rest-faults.js';

export type RouteHandler = (params: Record<string, string>, request: RecordedRequest) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** Bot-token routes answer 401 without `Authorization: Bot <token>`; interaction routes use the interaction token instead. */
  auth: boolean;
  handler: RouteHandler;
}

const VERSIONED = /^\/api\/v(\d+)(\/.*)$/;

/**
 * The REST half of the fake: `/api/v10/...` routes written as templates (`/webhooks/:app/:token`),
 * every request recorded — matched or not — before it is answered, so a test waiting on the record
 * sees it no later than the bot sees the answer.
 */
export class RestRouter {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: RestFault[] = [];

  constructor(
    private readonly botToken: string,
    private readonly onRequest: (request: RecordedRequest) => void,
  ) {}

  route(method: string, template: string, handler: RouteHandler, options: { auth?: boolean } = {}): this {
    const keys: string[] = [];
    const source = template
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
        keys.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, auth: options.auth ?? true, handler });
    return this;
  }

  /** Makes matching requests misbehave (hang, fail, answer late) until the fault is lifted or used up. */
  misbehave(spec: RestFaultSpec): RestFault {
    const fault = new RestFault(spec);
    this.faults.push(fault);
    return fault;
  }

  readonly handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://fake-discord');
    const versioned = VERSIONED.exec(url.pathname);
    const { body, files } = await readBody(incoming);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: versioned ? versioned[2]! : url.pathname,
      version: versioned ? Number(versioned[1]) : null,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(incoming.headers).map(([k, v]) => [k, String(v)])),
      body,
      files,
      status: 0,
      unmatched: false,
      at: Date.now(),
    };
    const fault = this.faults.find((f) => f.matches(request));
    fault?.caught.push(request);
    const behaviour = fault?.spec.behaviour;
    if (behaviour && 'hang' in behaviour) {
      // Recorded with status 0 and never answered: the socket stays open until the fake closes.
      this.requests.push(request);
      this.onRequest(request);
      return;
    }
    let reply: Reply;
    try {
      reply = behaviour && 'status' in behaviour ? faultReply(behaviour.status) : await this.dispatch(request);
    } catch (error) {
      reply = discordError(500, 0, `fake Discord failed: ${(error as Error).stack ?? String(error)}`);
    }
    request.status = reply.status;
    this.requests.push(request);
    this.onRequest(request);
    if (behaviour && 'delayMs' in behaviour) await sleep(behaviour.delayMs);
    if (!response.destroyed) send(response, reply);
  };

  private async dispatch(request: RecordedRequest): Promise<Reply> {
    if (request.version === 10) {
      for (const route of this.routes) {
        const match = route.method === request.method ? route.pattern.exec(request.path) : null;
        if (!match) continue;
        if (route.auth && request.headers.authorization !== `Bot ${this.botToken}`) {
          return discordError(401, 0, '401: Unauthorized');
        }
        const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
        return route.handler(params, request);
      }
    }
    request.unmatched = true;
    return discordError(404, 0, '404: Not Found');
  }
}
