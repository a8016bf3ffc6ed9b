-- 001: the first layout of the syncd database.
--
-- What is in clear here is what routing, role checks and sync need: ids, form and unit
-- codes, field identifiers, stamps, sequence numbers and hashes. Every field value (not
-- only names, addresses and phones) and every person's name is sealed with
-- XChaCha20-Poly1305 under the server data key, itself wrapped under a key derived from the
-- server passphrase. Results hold no personal values and are kept in clear.

-- The server's keys, one row. The data key is wrapped under Argon2id(server passphrase) with
-- its parameters beside it; the signing seed and box secret are sealed under the data key;
-- the recovery secret key is wrapped under Argon2id(recovery passphrase) and is opened only
-- to recover a laptop store.
CREATE TABLE server_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server_device_id TEXT NOT NULL,
    kdf_algorithm INTEGER NOT NULL,
    kdf_opslimit INTEGER NOT NULL,
    kdf_memlimit INTEGER NOT NULL,
    kdf_salt BLOB NOT NULL,
    wrapped_data_key BLOB NOT NULL,
    sign_pk BLOB NOT NULL CHECK (length(sign_pk) = 32),
    sealed_sign_seed BLOB NOT NULL,
    box_pk BLOB NOT NULL CHECK (length(box_pk) = 32),
    sealed_box_secret BLOB NOT NULL,
    recovery_pk TEXT NOT NULL,
    recovery_kdf_algorithm INTEGER NOT NULL,
    recovery_kdf_opslimit INTEGER NOT NULL,
    recovery_kdf_memlimit INTEGER NOT NULL,
    recovery_kdf_salt BLOB NOT NULL,
    wrapped_recovery_secret BLOB NOT NULL,
    created_ms INTEGER NOT NULL
) STRICT;

-- One-time enrolment codes printed by `syncd init` and `syncd enroll`. Only a keyed hash of
-- the code is kept. A code becomes a device when redeemed (used_ms, device_id set).
CREATE TABLE enrolments (
    code_hash BLOB PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('surveyor', 'supervisor', 'province')),
    unit_code TEXT NOT NULL,
    sealed_user_name BLOB NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER,
    device_id TEXT
) STRICT;

-- Enrolled devices with their pinned public keys, role and unit, and where their push chain
-- stands: the last accepted batch number and its hash (32 zero bytes before the first).
CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    device_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('surveyor', 'supervisor', 'province')),
    unit_code TEXT NOT NULL,
    sealed_user_name BLOB NOT NULL,
    sign_pk BLOB NOT NULL CHECK (length(sign_pk) = 32),
    box_pk BLOB NOT NULL CHECK (length(box_pk) = 32),
    enrolled_ms INTEGER NOT NULL,
    revoked_ms INTEGER,
    last_seq INTEGER NOT NULL DEFAULT 0,
    last_hash BLOB NOT NULL CHECK (length(last_hash) = 32),
    last_seen_ms INTEGER
) STRICT, WITHOUT ROWID;

-- Every accepted push batch, so a repeat is recognised by its hash and answered with the
-- same counts.
CREATE TABLE batches (
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    received_ms INTEGER NOT NULL,
    applied INTEGER NOT NULL,
    held INTEGER NOT NULL,
    conflicts INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

-- The change log: every change accepted, in server order. seq is the pull cursor and the
-- data version of results. The value is sealed with associated data binding seq, record,
-- field, stamp and device. batch_seq is NULL for changes made by imports.
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    record_id BLOB NOT NULL CHECK (length(record_id) = 16),
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    unit_code TEXT NOT NULL,
    field TEXT NOT NULL,
    wall_ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    base_wall_ms INTEGER NOT NULL,
    base_counter INTEGER NOT NULL,
    base_device TEXT NOT NULL,
    sealed_value BLOB NOT NULL,
    batch_seq INTEGER,
    received_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX change_log_by_unit ON change_log (unit_code, seq);

-- The merged state of each record: its kept changes (core VersionedRecord) as one sealed,
-- compressed blob, with the columns scoring and role checks look up in clear.
CREATE TABLE records (
    record_id BLOB PRIMARY KEY CHECK (length(record_id) = 16),
    form TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    status TEXT NOT NULL,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    last_change_seq INTEGER NOT NULL,
    sealed_state BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX records_by_unit ON records (form, unit_code);

-- Fields on which concurrent writers disagree, for supervisors to settle. No values here:
-- they are in the record's sealed state.
CREATE TABLE conflicts (
    record_id BLOB NOT NULL REFERENCES records (record_id),
    field TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    since_seq INTEGER NOT NULL,
    PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;

-- Changes stamped more than the skew bound ahead of the server clock: in the change log,
-- not yet merged. Released (merged and deleted here) once the clock reaches them.
CREATE TABLE held_changes (
    seq INTEGER PRIMARY KEY REFERENCES change_log (seq),
    unit_code TEXT NOT NULL,
    device_id TEXT NOT NULL,
    wall_ms INTEGER NOT NULL,
    held_since_ms INTEGER NOT NULL
) STRICT;

-- The registry of units as imported (its CSV text), one row.
CREATE TABLE registry (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    csv_text TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_ms INTEGER NOT NULL
) STRICT;

-- The stored Criterion 5 result of each ward and district: the UnitResult as JSON, the
-- change-log seq it was computed from (the data version) and when.
CREATE TABLE results (
    unit_code TEXT PRIMARY KEY,
    level TEXT NOT NULL,
    result_json TEXT NOT NULL,
    data_version INTEGER NOT NULL,
    computed_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Who did what and when: enrolments, pushes, pulls, imports, revocations, rescoring. The
-- detail names counts, files and codes, never a personal value.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;
