-- The frequent terms' lists are arrays of integers, which PostgreSQL's compression cannot shrink:
-- stored as they were, at the same size, after it had tried every one (at 21k articles 0.5 s of
-- the writer's 0.63 s inserting them). Kept out of line as before, but never compressed.
ALTER TABLE term_lists
  ALTER COLUMN docs SET STORAGE EXTERNAL,
  ALTER COLUMN groups SET STORAGE EXTERNAL;
