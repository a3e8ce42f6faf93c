-- Each quote's field lengths (text, paragraph, headline: distinct tokens, as the embedded index
-- counts them). With them, and the term frequencies the writer now puts in the terms vector's
-- positions (terms-vector.ts), a reader scores its candidates by BM25+ without tokenising their
-- paragraphs at question time, which was most of a topic answer's time in JavaScript. Null in
-- versions written before: readers then count from the paragraph text as before.
ALTER TABLE quotes ADD COLUMN field_lengths integer[];
