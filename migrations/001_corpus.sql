-- The corpus as PostgreSQL serves it: one row set per corpus version, written by one writer in one
-- transaction, read by any number of bot processes. Every row names its version, so a reader that
-- took version N at the start of an answer reads only version N to the end of it.

CREATE TABLE corpus_versions (
  id            bigserial PRIMARY KEY,
  -- CorpusVersion.id: corpus fingerprint and extractor version; equal keys mean equal answers.
  version_key   text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- CorpusStats, as /corpus shows them, and the reload report that produced this version.
  stats         jsonb       NOT NULL,
  report        jsonb       NOT NULL,
  -- What BM25+ needs of the whole corpus: quotes indexed and each field's average length,
  -- exactly as the embedded index computed them.
  quote_count   integer     NOT NULL,
  avg_text_len  double precision NOT NULL,
  avg_context_len double precision NOT NULL,
  avg_title_len double precision NOT NULL
);

-- The version every reader serves. One row; the writer moves it in the transaction that wrote the version.
CREATE TABLE current_version (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version_id bigint NOT NULL REFERENCES corpus_versions (id)
);

CREATE TABLE articles (
  version_id bigint  NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  article_no integer NOT NULL,
  id         text    NOT NULL,
  title      text,
  published  date,
  source     text,
  url        text,
  file       text    NOT NULL,
  line       integer,
  -- The opening of the body: a citation of an untitled article shows its first words. Readers
  -- never need the rest; only the writer reads article files.
  lead       text    NOT NULL,
  -- sha256 of what the article says, so a reload can report what changed without the bodies.
  content_hash text  NOT NULL,
  PRIMARY KEY (version_id, article_no)
);

-- One partition per version (quotes_v<id>), written and indexed in bulk by the writer and
-- attached in the transaction that makes the version current; an old version is dropped whole.
CREATE TABLE quotes (
  version_id      bigint  NOT NULL,
  -- Position in the embedded index's order (corpus order): ties rank the same way over both stores.
  doc             integer NOT NULL,
  id              text    NOT NULL,
  article_no      integer NOT NULL,
  kind            text    NOT NULL CHECK (kind IN ('direct', 'reported')),
  text            text    NOT NULL,
  start_offset    integer NOT NULL,
  end_offset      integer NOT NULL,
  speaker_surface text,
  speaker         text,
  speaker_key     text,
  -- How the speaker was found (cue, colon, pronoun, subject, inherited; src/quotes/quote.ts); null when unknown.
  confidence      text,
  cue             text,
  context         text    NOT NULL,
  paragraph       text    NOT NULL,
  grp             text    NOT NULL,
  word_count      integer NOT NULL,
  reprint_key     bigint  NOT NULL,
  -- Copies of the article's date and outlet, so filters are indexed columns of the row searched.
  published       date,
  source_lower    text,
  -- The project's own terms (stems, place stems, country synonyms), not PostgreSQL's parser:
  -- text weighted A, paragraph B, headline C, one position per token, so ts_rank and our own
  -- BM25+ both see each field's term frequencies.
  terms           tsvector NOT NULL,
  PRIMARY KEY (version_id, doc)
) PARTITION BY LIST (version_id);
CREATE INDEX quotes_terms ON quotes USING gin (terms);
CREATE INDEX quotes_speaker ON quotes (version_id, speaker_key) WHERE speaker_key IS NOT NULL;
CREATE INDEX quotes_published ON quotes (version_id, published);

-- What each article's extractor run said about its speakers: the input of the speaker directory,
-- which readers rebuild with the same code as the embedded store, so a name resolves identically.
CREATE TABLE article_speakers (
  version_id bigint  NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  article_no integer NOT NULL,
  ord        integer NOT NULL,
  name       text    NOT NULL,
  aliases    jsonb   NOT NULL,
  person     boolean NOT NULL,
  quotes     integer NOT NULL,
  PRIMARY KEY (version_id, article_no, ord)
);

-- The corpus-wide speakers the directory merged, and their aliases: for SQL-side reports and tools.
CREATE TABLE speakers (
  version_id    bigint  NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  key           text    NOT NULL,
  name          text    NOT NULL,
  person        boolean NOT NULL,
  quote_count   integer NOT NULL,
  article_count integer NOT NULL,
  PRIMARY KEY (version_id, key)
);
CREATE TABLE speaker_aliases (
  version_id bigint NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  key        text   NOT NULL,
  alias      text   NOT NULL,
  PRIMARY KEY (version_id, key, alias)
);

-- Per index term: in how many quotes each field holds it (BM25+'s document frequencies).
CREATE TABLE term_stats (
  version_id bigint  NOT NULL REFERENCES corpus_versions (id) ON DELETE CASCADE,
  -- Byte order, whatever the database's locale: prefix lookups ("ukrain" → "ukrainian") are ranges of it.
  term       text    COLLATE "C" NOT NULL,
  in_text    integer NOT NULL,
  in_context integer NOT NULL,
  in_title   integer NOT NULL,
  PRIMARY KEY (version_id, term)
);

-- Feed polling state (issue 13's poller), shared by every process so only one polls a feed at a time.
CREATE TABLE feeds (
  url            text PRIMARY KEY,
  etag           text,
  last_modified  text,
  last_polled_at timestamptz,
  next_poll_at   timestamptz,
  last_error     text,
  articles_added integer NOT NULL DEFAULT 0
);
