-- Answers being paged through in Discord, so a Next button pressed on one bot process can be
-- served by any other. Rows expire with Discord's interaction tokens (15 minutes).
CREATE TABLE answer_pages (
  id         text PRIMARY KEY,
  owner_id   text        NOT NULL,
  answer     jsonb       NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX answer_pages_expiry ON answer_pages (expires_at);
