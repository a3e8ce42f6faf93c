-- A quote whose every searchable and shown field equals an earlier quote's (the same article
-- printed again under another id: same reprint group, body, headline, date, outlet and offsets)
-- can never be the copy an answer shows: the embedded answerer breaks the tie between equal copies
-- by corpus order. The writer marks such later copies, and topic questions skip them, so their
-- work does not grow with verbatim reprints. The speaker's chosen copies (004) are marked apart.
ALTER TABLE quotes ADD COLUMN shadowed boolean NOT NULL DEFAULT false;
