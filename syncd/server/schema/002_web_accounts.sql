-- 002: accounts for the results web pages (`syncd users`).
--
-- Province and supervisor staff read results in a browser with a name and a password. Only
-- an Argon2id hash of the password is kept (libsodium's encoded string, which carries its
-- own salt and limits). Sessions live in the server's memory and end when it restarts.

-- One web account. A supervisor account sees its unit (a ward, or a district and its wards);
-- a province account sees every unit, unit_code is then the province or ''. A disabled
-- account cannot log in and its sessions end.
CREATE TABLE web_users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('supervisor', 'province')),
    unit_code TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    disabled_ms INTEGER
) STRICT, WITHOUT ROWID;
