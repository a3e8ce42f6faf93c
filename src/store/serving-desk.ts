import type { Answer } from '../answer/answer.js';
import type { AskRequest, LookupRequest } from '../answer/answerer.js';
import type { CorpusStats, CorpusVersion } from '../desk/corpus-version.js';
import type { WhenBusy } from '../desk/quote-desk.js';
import type { ReloadReport, ReloadResult } from '../desk/reload-report.js';
import type { SpeakerDirectory } from '../quotes/speaker-directory.js';

/** What a front end shows of the version being served: counts, outlets, speakers for autocomplete. */
export interface ServedVersion {
  readonly id: string;
  outlets(): readonly string[];
  readonly speakers: Pick<SpeakerDirectory, 'complete' | 'all'>;
  stats(): CorpusStats;
}

/**
 * What the Discord front end needs of the corpus, whoever holds it: a {@link QuoteDesk} (the
 * embedded index, answers at once) or a desk over PostgreSQL (answers after a query).
 */
export interface ServingDesk {
  readonly version: ServedVersion;
  readonly isReloading: boolean;
  readonly lastReload: { at: Date; report: ReloadReport };
  ask(request: AskRequest): Answer | Promise<Answer>;
  lookUp(request: LookupRequest): Answer | Promise<Answer>;
  reload(options?: { whenBusy?: WhenBusy; trigger?: string }): Promise<ReloadResult>;
  /**
   * The whole corpus version in this process, when the desk holds one (the embedded index), else
   * null. Checking a quote and tying a report to its quote's offsets read it; over PostgreSQL those
   * say they are not available rather than guess.
   */
  inMemoryVersion(): CorpusVersion | null;
}
