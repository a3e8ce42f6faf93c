-- Precomputed candidates for frequent terms (src/stores/postgres/term-lists.ts). A GIN index finds
-- a term's matches but cannot hand them over in score order, so a topic whose term matches a
-- large share of the corpus made PostgreSQL rank every match: work that grows with the corpus.
-- For each index term matching more quotes than the writer's list length, its best quotes by the
-- term's own BM25+ contribution (as the embedded index scores it), and every reprint group that
-- holds it, so a topic question reads bounded lists and still counts its matches exactly.
CREATE TABLE term_lists (
  version_id bigint NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  term       text   COLLATE "C" NOT NULL,
  -- Index positions (quotes.doc), best first; at most three copies of one reprinted quote.
  docs       integer[] NOT NULL,
  -- Reprint keys (quotes.reprint_key) of every quote holding the term, in no order.
  groups     bigint[]  NOT NULL,
  PRIMARY KEY (version_id, term)
);
