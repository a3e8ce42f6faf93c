import type { Answer } from '../answer/answer.js';
import type { AskRequest, LookupRequest } from '../answer/answerer.js';

/**
 * Answers from a corpus shared by many processes (the PostgreSQL store), for front ends that only
 * answer: the HTTP interactions replicas. Front ends that also reload and show the corpus take a
 * {@link ServingDesk} (serving-desk.ts), which the embedded QuoteDesk is too.
 */
export interface QuoteStore {
  ask(request: AskRequest): Promise<Answer>;
  lookUp(request: LookupRequest): Promise<Answer>;
  /** The corpus version answers come from right now. */
  readonly versionId: string;
  close(): Promise<void>;
}
