-- 0006_attachments.sql — files attached to a case (police reports,
-- dispositions, photographs), in the database so that backups, restores,
-- migrations and key rotation carry them.
--
-- No byte of a file is stored in clear: each file is encrypted with a key of
-- its own (crypto_secretstream_xchacha20poly1305, src/crypto/stream.h), in
-- chunks of at most 1 MiB of plaintext, each a row of attachment_chunks.
-- The file's key is sealed with the register key in `sealed`
-- ('attachment', id, 'key'), and so are its title and original file name
-- ('title', 'filename'): key rotation rewraps the keys with the rest, and
-- the chunks stay as they are. What stays in clear is what the register
-- needs to list and serve a file: its number within the case, the type
-- taken from its content, its size, who attached it and when.
CREATE TABLE attachments (
	id          INTEGER PRIMARY KEY,
	case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	seq         BIGINT NOT NULL,            -- 1, 2, 3... within the case
	type        TEXT NOT NULL,              -- io/filetype.h name: pdf, png, docx...
	size        BIGINT NOT NULL,            -- bytes of the file in clear
	chunks      BIGINT NOT NULL,
	header      BLOB NOT NULL,              -- the stream's header (not secret)
	created_by  BIGINT REFERENCES users(id),
	created_at  BIGINT NOT NULL,
	UNIQUE (case_id, seq)
);

CREATE TABLE attachment_chunks (
	attachment_id BIGINT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
	pos           BIGINT NOT NULL,          -- 0, 1, 2... in stream order
	data          BLOB NOT NULL,            -- ciphertext: plaintext + 17 bytes
	PRIMARY KEY (attachment_id, pos)
) WITHOUT ROWID;
