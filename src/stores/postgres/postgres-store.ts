import pg from 'pg';
import type { Logger } from 'pino';
import type { Answer } from '../../answer/answer.js';
import { answerQuestion, lookUpQuotes, type AskRequest, type LookupRequest } from '../../answer/answerer.js';
import { planAnswer } from '../../store/answer-plan.js';
import type { AnswerSource } from '../../store/answer-source.js';
import { CandidateSource, type FetchedTopic } from '../../store/candidate-source.js';
import type { QuoteStore } from '../../store/quote-store.js';
import { DEFAULT_CANDIDATES, fetchSpeakerQuotes, fetchTopic } from './fetch-candidates.js';
import { migratePool } from './migrate.js';
import { currentVersionId, readVersion, type ReaderVersion } from './reader-version.js';
import { VERSION_CHANNEL } from './write-version.js';

export interface PostgresStoreOptions {
  /** `DATABASE_URL`: postgres://user:password@host:port/database. */
  url: string;
  logger?: Logger;
  /** Connections for answering (each answer uses one or two queries). Default 10. */
  poolSize?: number;
  /** Topic candidates fetched per question (see {@link DEFAULT_CANDIDATES}). */
  candidates?: number;
  /** How long {@link PostgresQuoteStore.open} waits for a first corpus version to be ingested. Default 0: fail at once. */
  waitForVersionMs?: number;
}

/** Delay before a lost LISTEN connection is tried again; doubled up to a minute. */
const RECONNECT_MS = 500;

/**
 * A reader of the corpus that PostgreSQL holds, for a bot process among many. It serves one corpus
 * version at a time and switches when the writer announces a new one (LISTEN), so every answer
 * reads one version from start to end; a process that starts late reads the current one. It never
 * extracts quotes: that is the writer's job (`npm run ingest`, /reload on the writer).
 */
export class PostgresQuoteStore implements QuoteStore {
  private listener: pg.Client | null = null;
  private closed = false;
  private readonly switchListeners = new Set<(version: ReaderVersion) => void>();

  private constructor(
    private readonly pool: pg.Pool,
    private current: ReaderVersion,
    private readonly options: PostgresStoreOptions,
  ) {}

  /** Connects, brings the schema up to date and reads the current corpus version. */
  static async open(options: PostgresStoreOptions): Promise<PostgresQuoteStore> {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
    try {
      await migratePool(pool);
      const versionId = await waitForVersion(pool, options.waitForVersionMs ?? 0);
      const store = new PostgresQuoteStore(pool, await readVersion(pool, versionId), options);
      await store.listen();
      options.logger?.info({ version: store.current.id, versionId }, 'serving corpus version from PostgreSQL');
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** The connection pool, for other shared state kept beside the corpus (paged answers). */
  get database(): pg.Pool {
    return this.pool;
  }

  /** The version answers are read from right now: take it once per answer. */
  get version(): ReaderVersion {
    return this.current;
  }

  get versionId(): string {
    return this.current.id;
  }

  /** Called after each switch to a new version. */
  onSwitch(listener: (version: ReaderVersion) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  ask(request: AskRequest): Promise<Answer> {
    return this.answer((source) => answerQuestion(source, request));
  }

  lookUp(request: LookupRequest): Promise<Answer> {
    return this.answer((source) => lookUpQuotes(source, request));
  }

  /** Re-reads the current version now (what a NOTIFY triggers); resolves once it serves it. */
  async refresh(): Promise<void> {
    const versionId = await currentVersionId(this.pool);
    if (versionId !== null) await this.switchTo(versionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * The same answer code twice: once to learn what it reads (planAnswer), then over the quotes
   * fetched for that, all from the one version taken at the start; once only when it reads none.
   */
  private async answer(run: (source: AnswerSource) => Answer): Promise<Answer> {
    const version = this.current;
    const plan = planAnswer(version, run);
    if (!plan.readsQuotes) return plan.answerWithoutQuotes;
    const limit = this.options.candidates ?? DEFAULT_CANDIDATES;
    const asked = plan.topic;
    // A date filter: the undated articles' matching quotes are fetched too, so the answer can say
    // how many the filter left out, as it does over the embedded index.
    const dated = asked !== null && (asked.scope.filters.from !== undefined || asked.scope.filters.to !== undefined);
    const [topic, undated, speakerQuotes] = await Promise.all([
      asked ? fetchTopic(this.pool, version, asked.topic, asked.scope, limit) : Promise.resolve(null),
      asked && dated ? fetchTopic(this.pool, version, asked.topic, asked.scope, limit, true) : Promise.resolve(null),
      fetchSpeakerQuotes(this.pool, version, plan.speakerKeys),
    ]);
    return run(new CandidateSource(version, topic && undated ? mergeFetched(topic, undated) : topic, speakerQuotes));
  }

  private switching: Promise<void> = Promise.resolve();

  /** Loads a version and swaps it in; switches run one at a time and never go back to an older version. */
  private switchTo(versionId: number): Promise<void> {
    this.switching = this.switching.then(async () => {
      if (versionId <= this.current.versionId) return;
      const next = await readVersion(this.pool, versionId);
      this.current = next;
      this.options.logger?.info({ version: next.id, versionId }, 'switched to new corpus version');
      for (const listener of this.switchListeners) listener(next);
    });
    const done = this.switching;
    this.switching = done.catch((error: unknown) => this.options.logger?.error({ err: error, versionId }, 'could not switch corpus version; still serving the previous one'));
    return done;
  }

  /** LISTENs for new versions on a connection of its own, reconnecting (and catching up) when it drops. */
  private async listen(delay = RECONNECT_MS): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.url });
    client.on('notification', (message) => {
      if (message.channel === VERSION_CHANNEL && message.payload) void this.switchTo(Number(message.payload)).catch(() => undefined);
    });
    client.on('error', (error) => {
      this.options.logger?.warn({ err: error }, 'lost the LISTEN connection; reconnecting');
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      this.relisten(delay);
    });
    await client.connect();
    await client.query(`LISTEN ${VERSION_CHANNEL}`);
    this.listener = client;
    // A version written while no connection was listening is announced to nobody: catch up.
    await this.refresh().catch(() => undefined);
  }

  /** Tries {@link listen} again after `delay`, and again with twice the delay (up to a minute) for as long as it fails. */
  private relisten(delay: number): void {
    if (this.closed) return;
    setTimeout(() => {
      this.listen(Math.min(delay * 2, 60_000)).catch((error: unknown) => {
        this.options.logger?.warn({ err: error, retryInMs: Math.min(delay * 2, 60_000) }, 'could not LISTEN again yet');
        this.relisten(Math.min(delay * 2, 60_000));
      });
    }, delay).unref();
  }
}

async function waitForVersion(pool: pg.Pool, waitMs: number): Promise<number> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const versionId = await currentVersionId(pool);
    if (versionId !== null) return versionId;
    if (Date.now() >= deadline) throw new NoCorpusVersionError();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The database has no corpus yet: `npm run ingest` (the writer) puts one there. */
export class NoCorpusVersionError extends Error {
  constructor() {
    super('The database holds no corpus yet: run `npm run ingest` (with the same DATABASE_URL) to load one.');
    this.name = 'NoCorpusVersionError';
  }
}

/** Two fetches of one topic over disjoint quotes (dated and undated) as one candidate set. */
function mergeFetched(a: FetchedTopic, b: FetchedTopic): FetchedTopic {
  // The total stays the dated fetch's: the undated candidates are there to be counted as left out,
  // and the answer compares the total with the groups of the candidates its filters let through.
  return { ...a, candidates: [...a.candidates, ...b.candidates], frequencies: new Map([...a.frequencies, ...b.frequencies]), total: a.total };
}
