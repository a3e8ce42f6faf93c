import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayOpcodes, type GatewayIdentifyData, type GatewayResumeData } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ChangeSignal } from './signal.js';
import { deflatedFrames, textFrames, zlibStreamFrames, type FrameWriter } from './compression.js';

/** One frame on the gateway, either way, as JSON. */
export interface GatewayFrame {
  direction: 'in' | 'out';
  connection: number;
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
}

/** One WebSocket connection a client opened, with the query it asked for and how it ended. */
export interface GatewayConnection {
  id: number;
  query: Record<string, string>;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  /** Who started the close: `server` for {@link FakeGateway.drop} or a protocol error. */
  closedBy?: 'client' | 'server';
}

export interface ResumeRecord {
  sessionId: string;
  /** The sequence the client said it had seen. */
  seq: number;
  /** Dispatches sent again because the client missed them. */
  replayed: number;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, to replay what a resuming client missed. */
  history: Array<{ op: 0; t: string; s: number; d: unknown }>;
  socket: WebSocket | null;
  /** Discord ends a session whose client closed normally (1000/1001): it can no longer be resumed. */
  ended: boolean;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  signal: ChangeSignal;
  /** READY's `d` for a new session (the fake fills in what depends on the session). */
  ready: (sessionId: string) => object;
  /** Dispatches that follow READY, e.g. GUILD_CREATE for the test guild. */
  afterReady: () => Array<{ t: string; d: object }>;
}

/**
 * The gateway half of the fake: HELLO, IDENTIFY → READY (+ GUILD_CREATE), heartbeats and their ACKs,
 * RESUME with replay of what was missed, and dispatches to the identified client. JSON frames, plain
 * (what @discordjs/ws speaks without zlib-sync) or compressed if the client asks.
 */
export class FakeGateway {
  readonly frames: GatewayFrame[] = [];
  readonly connections: GatewayConnection[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly identifies: GatewayIdentifyData[] = [];
  /** Anything a client did that real Discord would refuse, in words (also visible as a close code). */
  readonly problems: string[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  private invalidateAfterResume = false;

  constructor(private readonly options: GatewayOptions) {
    this.server.on('connection', (socket: WebSocket, request: IncomingMessage) => this.accept(socket, request));
  }

  readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  };

  /** The session interactions go to: the one most recently identified. */
  get sessionId(): string | undefined {
    return this.current?.id;
  }

  get openConnections(): number {
    return this.connections.filter((c) => c.closedAt === undefined).length;
  }

  get connected(): boolean {
    return this.current?.socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Sends a dispatch to the current session, or keeps it for replay when the client is between
   * connections (as Discord does). Returns its sequence number.
   */
  dispatch(t: string, d: object): number {
    const session = this.current;
    if (!session || session.ended) throw new Error('fake Discord: no client is logged in to receive events');
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.history.push(payload);
    if (session.socket?.readyState === WebSocket.OPEN) this.send(session.socket, payload);
    return payload.s;
  }

  /** Closes the current connection with `code` (4000: resumable) and resolves once it is closed. */
  async drop(code: number = GatewayCloseCodes.UnknownError): Promise<void> {
    const socket = this.current?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error('fake Discord: no open gateway connection to drop');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    this.closeFromServer(socket, code, 'fake Discord dropped the connection');
    await closed;
  }

  /**
   * The next successful RESUME is answered with RESUMED and, in the same breath, op 9 Invalid Session
   * (not resumable): Discord may invalidate a session at any moment, even one it has just resumed.
   */
  invalidateSessionAfterNextResume(): void {
    this.invalidateAfterResume = true;
  }

  /** Asks the client to reconnect and resume (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    const socket = this.current?.socket;
    if (!socket) throw new Error('fake Discord: no open gateway connection');
    this.send(socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  async close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private readonly socketIds = new WeakMap<WebSocket, GatewayConnection>();
  private readonly writers = new WeakMap<WebSocket, FrameWriter>();

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? '/', 'ws://fake').searchParams);
    const connection: GatewayConnection = { id: this.connections.length + 1, query, openedAt: Date.now() };
    this.connections.push(connection);
    this.socketIds.set(socket, connection);
    let session: Session | null = null;
    socket.on('close', (code) => {
      connection.closedAt = Date.now();
      connection.closeCode = code;
      connection.closedBy ??= 'client';
      if (session?.socket === socket) {
        session.socket = null;
        if (connection.closedBy === 'client' && (code === 1000 || code === 1001)) session.ended = true;
      }
      this.options.signal.notify();
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const frame = this.parse(data, isBinary);
      if (!frame) return this.refuse(socket, GatewayCloseCodes.DecodeError, 'frames must be JSON text');
      this.record('in', socket, frame);
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          return this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: null });
        case GatewayOpcodes.Identify:
          if (session) return this.refuse(socket, GatewayCloseCodes.AlreadyAuthenticated, 'identified twice on one connection');
          session = this.identify(socket, frame.d as GatewayIdentifyData);
          return;
        case GatewayOpcodes.Resume:
          if (session) return this.refuse(socket, GatewayCloseCodes.AlreadyAuthenticated, 'resumed on an authenticated connection');
          session = this.resume(socket, frame.d as GatewayResumeData);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) this.refuse(socket, GatewayCloseCodes.NotAuthenticated, `op ${frame.op} before IDENTIFY`);
          return;
        default:
          return this.refuse(socket, GatewayCloseCodes.UnknownOpcode, `unknown op ${frame.op}`);
      }
    });
    const { v, encoding, compress } = query;
    if (v !== '10') return this.refuse(socket, GatewayCloseCodes.InvalidAPIVersion, `gateway version ${v ?? '(none)'}; the fake speaks v10`);
    if (encoding !== 'json') return this.refuse(socket, GatewayCloseCodes.InvalidAPIVersion, `encoding ${encoding ?? '(none)'}; the fake speaks json`);
    if (compress && compress !== 'zlib-stream') return this.refuse(socket, GatewayCloseCodes.InvalidAPIVersion, `compress=${compress}; the fake knows zlib-stream only`);
    this.writers.set(socket, compress ? zlibStreamFrames(socket) : textFrames(socket));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): Session | null {
    this.identifies.push(data);
    if (data.token !== this.options.token) {
      this.refuse(socket, GatewayCloseCodes.AuthenticationFailed, 'IDENTIFY with a token that is not the bot token');
      return null;
    }
    if (data.compress && !this.socketIds.get(socket)?.query.compress) this.writers.set(socket, deflatedFrames(socket));
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, history: [], socket, ended: false };
    this.sessions.set(session.id, session);
    this.current = session;
    this.dispatch('READY', this.options.ready(session.id));
    for (const { t, d } of this.options.afterReady()) this.dispatch(t, d);
    this.options.signal.notify();
    return session;
  }

  private resume(socket: WebSocket, data: GatewayResumeData): Session | null {
    const session = this.sessions.get(data.session_id);
    if (!session || session.ended || data.token !== this.options.token || data.seq > session.seq) {
      this.problems.push(`RESUME refused (session ${data.session_id}, seq ${data.seq})`);
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== socket) this.closeFromServer(session.socket, GatewayCloseCodes.SessionTimedOut, 'session resumed elsewhere');
    session.socket = socket;
    this.current = session;
    const missed = session.history.filter((p) => p.s > data.seq);
    for (const payload of missed) this.send(socket, payload);
    this.dispatch('RESUMED', {});
    this.resumes.push({ sessionId: session.id, seq: data.seq, replayed: missed.length, at: Date.now() });
    this.options.signal.notify();
    if (this.invalidateAfterResume) {
      // After op 9 the connection is unauthenticated again: the client must IDENTIFY anew.
      this.invalidateAfterResume = false;
      session.ended = true;
      session.socket = null;
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    return session;
  }

  private parse(data: RawData, isBinary: boolean): { op: number; d: unknown } | null {
    if (isBinary) return null;
    try {
      const frame = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
      return typeof frame.op === 'number' ? { op: frame.op, d: frame.d } : null;
    } catch {
      return null;
    }
  }

  private refuse(socket: WebSocket, code: number, why: string): void {
    this.problems.push(why);
    this.closeFromServer(socket, code, why.slice(0, 120));
  }

  private closeFromServer(socket: WebSocket, code: number, reason: string): void {
    const connection = this.socketIds.get(socket);
    if (connection) connection.closedBy ??= 'server';
    socket.close(code, reason);
  }

  private send(socket: WebSocket, payload: { op: number; t?: string; s?: number; d: unknown }): void {
    const frame = { t: null, s: null, ...payload };
    this.record('out', socket, frame);
    (this.writers.get(socket) ?? textFrames(socket))(JSON.stringify(frame));
  }

  private record(direction: GatewayFrame['direction'], socket: WebSocket, frame: { op: number; t?: string | null; s?: number | null; d: unknown }): void {
    const connection = this.socketIds.get(socket)?.id ?? 0;
    this.frames.push({ direction, connection, op: frame.op, t: frame.t ?? null, s: frame.s ?? null, d: frame.d, at: Date.now() });
    this.options.signal.notify();
  }
}
