import type { Answer } from '../answer/answer.js';
import { answerQuestion, lookUpQuotes, type AskRequest, type LookupRequest } from '../answer/answerer.js';
import type { QuoteDesk } from '../desk/quote-desk.js';

/**
 * Where answers come from, whichever store holds the quotes: the embedded index in this process
 * (the default) or a database shared by many processes. Both answer with the same answerer code.
 */
export interface QuoteStore {
  ask(request: AskRequest): Promise<Answer>;
  lookUp(request: LookupRequest): Promise<Answer>;
  /** The corpus version answers come from right now. */
  readonly versionId: string;
  close(): Promise<void>;
}

/** The embedded store: the desk's current corpus version, in memory. */
export class EmbeddedQuoteStore implements QuoteStore {
  constructor(private readonly desk: QuoteDesk) {}

  get versionId(): string {
    return this.desk.version.id;
  }

  ask(request: AskRequest): Promise<Answer> {
    return Promise.resolve(answerQuestion(this.desk.version, request));
  }

  lookUp(request: LookupRequest): Promise<Answer> {
    return Promise.resolve(lookUpQuotes(this.desk.version, request));
  }

  async close(): Promise<void> {}
}
