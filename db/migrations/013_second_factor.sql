-- A second factor for the accounts that can read everything: an authenticator app (TOTP) and
-- passkeys or security keys (WebAuthn), with a recovery code kept only as a hash.
--
-- totp_key is the shared secret the app and the server compute codes from; totp_last_step is
-- the 30-second step of the last code taken, so the same code can't be used twice.
ALTER TABLE users ADD COLUMN totp_key BLOB;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN recovery_code_hash BLOB;

-- A passkey or security key: the public key it signs with, under the name its owner gave it.
CREATE TABLE passkeys (
	id BLOB PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	algorithm INTEGER NOT NULL,
	public_key BLOB NOT NULL,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX passkeys_by_user ON passkeys (user_id);

-- Whether a session passed the second factor, when its password or second factor was last
-- checked (sensitive actions ask again after ten minutes), and the browser's family for the
-- account's list of its sessions. Never the address.
ALTER TABLE sessions ADD COLUMN second_factor_passed INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_passed IN (0, 1));
ALTER TABLE sessions ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN browser TEXT NOT NULL DEFAULT '';

-- Admins always need a second factor; an admin may ask it of managers too.
ALTER TABLE agency ADD COLUMN managers_need_second_factor INTEGER NOT NULL DEFAULT 0 CHECK (managers_need_second_factor IN (0, 1));
