-- A quote's paragraph was stored for readers to count its fields from at question time. Since
-- migration 006 every version's quotes carry their field lengths and the terms vector their
-- frequencies, and readers read the paragraph only of a version without them (fetch-candidates.ts),
-- so the writer no longer computes, sends and stores it for every quote (null); versions written
-- before keep theirs.
ALTER TABLE quotes ALTER COLUMN paragraph DROP NOT NULL;
