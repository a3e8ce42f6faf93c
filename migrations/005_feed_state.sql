-- The feed poller's memory (src/feeds/ingest-state.ts) when DATABASE_URL is set, instead of a file
-- in one machine's cache folder: any process that becomes the writer polls on from where the last
-- one stopped (conditional GETs with the same validators, the same items seen, the same files).
-- When the next poll is due is the feed list's `every` after last_polled_at, so it is not stored;
-- nothing counted articles per feed. Both columns of 001 go.
ALTER TABLE feeds
  DROP COLUMN next_poll_at,
  DROP COLUMN articles_added,
  -- Item key → fingerprint of what the feed last said about it.
  ADD COLUMN items jsonb NOT NULL DEFAULT '{}';

-- Which corpus file holds each article the fetcher wrote, by canonical URL, and a hash of its text,
-- so the same story at a second address is not added twice.
CREATE TABLE feed_articles (
  url          text PRIMARY KEY,
  file         text NOT NULL,
  content_hash text NOT NULL
);
