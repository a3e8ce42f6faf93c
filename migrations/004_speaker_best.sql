-- A speaker question reads one copy of each reprinted quote: the one the answerer would show
-- (direct and fuller first, newest, then by article). Picking it at query time meant reading and
-- sorting every copy of every quote of the speaker, so a widely reprinted speaker's question grew
-- with the corpus's copies. The writer marks each (speaker, reprint group)'s chosen copy instead.
ALTER TABLE quotes ADD COLUMN speaker_best boolean NOT NULL DEFAULT false;
CREATE INDEX quotes_speaker_best ON quotes (version_id, speaker_key) WHERE speaker_best;
