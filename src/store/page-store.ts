import type { Answer } from '../answer/answer.js';

/** A stored answer a user is paging through. */
export interface PagedAnswer {
  answer: Answer;
  ownerId: string;
}

/**
 * Where paged answers live between button presses. Stateless replicas share one (PostgreSQL), so
 * the process that shows page 2 need not be the one that answered.
 */
export interface PageStore {
  /** Keeps the answer for `ttlMs` and returns its id (short enough for a button's custom_id). */
  put(answer: Answer, ownerId: string, ttlMs: number): Promise<string>;
  /** The answer, or null once it has expired or never existed. */
  get(id: string): Promise<PagedAnswer | null>;
}
