import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/**
 * A news site on 127.0.0.1 (random port) that a test fills with routes: real-shaped feeds and pages,
 * and the misbehaving ones (never answers, loops, 50 MB). Records every request so tests can check
 * what the fetcher asked for. Closed after each test.
 */
export class NewsServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly sockets = new Set<Socket>();
  private inFlight = 0;
  /** Most requests the server was answering at one time. */
  maxInFlight = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<NewsServer> {
    const server = createServer();
    const site = new NewsServer(server);
    server.on('request', (request, response) => site.handle(request, response));
    server.on('connection', (socket) => {
      site.sockets.add(socket);
      socket.on('close', () => site.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(site);
    return site;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves `path` with a handler, or a fixed body with headers. */
  route(path: string, handler: Handler | { body: string | Buffer; type?: string; status?: number; headers?: Record<string, string> }): this {
    if (typeof handler === 'function') this.routes.set(path, handler);
    else {
      this.routes.set(path, (_request, response) => {
        response.writeHead(handler.status ?? 200, { 'content-type': handler.type ?? 'text/html; charset=utf-8', ...handler.headers });
        response.end(handler.body);
      });
    }
    return this;
  }

  /** Requests for `path` (without query), in order. */
  hits(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path.split('?')[0] === path);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    this.requests.push({ path, headers: request.headers, at: Date.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let counted = true;
    const done = (): void => {
      if (counted) this.inFlight--;
      counted = false;
    };
    response.on('finish', done);
    response.on('close', done);
    const handler = this.routes.get(path) ?? this.routes.get(path.split('?')[0]!);
    if (handler) return handler(request, response);
    // No robots.txt unless a test adds one: 404 means "no rules".
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const servers: NewsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
