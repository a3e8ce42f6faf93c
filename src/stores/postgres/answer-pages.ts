import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AnswerSchema, type Answer } from '../../answer/answer.js';
import type { PagedAnswer, PageStore } from '../../store/page-store.js';

/** Paged answers in PostgreSQL (table answer_pages): any bot process can serve any button. Expired rows are swept as new ones arrive. */
export class PostgresPageStore implements PageStore {
  constructor(private readonly db: pg.Pool) {}

  async put(answer: Answer, ownerId: string, ttlMs: number): Promise<string> {
    const id = randomBytes(9).toString('base64url');
    await this.db.query("INSERT INTO answer_pages (id, owner_id, answer, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')", [id, ownerId, JSON.stringify(answer), ttlMs]);
    if (Math.random() < 0.05) await this.db.query('DELETE FROM answer_pages WHERE expires_at < now()');
    return id;
  }

  async get(id: string): Promise<PagedAnswer | null> {
    const row = (await this.db.query<{ owner_id: string; answer: unknown }>('SELECT owner_id, answer FROM answer_pages WHERE id = $1 AND expires_at > now()', [id])).rows[0];
    if (!row) return null;
    const answer = AnswerSchema.safeParse(row.answer);
    return answer.success ? { answer: answer.data, ownerId: row.owner_id } : null;
  }
}
