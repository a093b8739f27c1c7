-- A passkey's signature counter: an authenticator that counts its signatures sends a larger
-- number each time, so a smaller or equal one means a copy of the key is being used. Keys that
-- do not count send 0 every time.
ALTER TABLE passkeys ADD COLUMN sign_count INTEGER NOT NULL DEFAULT 0 CHECK (sign_count >= 0);
