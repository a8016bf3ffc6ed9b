-- 001: the first layout of a c5kit store.
--
-- One SQLite file per device. What is in clear here is what indexes and sync need: ids,
-- form and unit codes, field identifiers, stamps, the review status and "not yet synced"
-- marks. Every field value and every audit entry is sealed with XChaCha20-Poly1305 under
-- the store key; names, addresses, phones and answers never appear in clear.

-- The store itself: a random id bound into the key wraps, and the device that owns it.
CREATE TABLE store_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    store_id BLOB NOT NULL CHECK (length(store_id) = 16),
    device_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL
) STRICT;

-- The store key, wrapped twice. 'passphrase': sealed under a key derived from the
-- surveyor's passphrase with Argon2id, whose parameters are kept beside it. 'recovery':
-- a libsodium sealed box to the province's recovery public key. Changing the passphrase
-- rewrites the first row only.
CREATE TABLE key_wraps (
    kind TEXT PRIMARY KEY CHECK (kind IN ('passphrase', 'recovery')),
    kdf_algorithm INTEGER,
    kdf_opslimit INTEGER,
    kdf_memlimit INTEGER,
    kdf_salt BLOB,
    recovery_public_key BLOB,
    wrapped_key BLOB NOT NULL,
    changed_ms INTEGER NOT NULL
) STRICT;

-- One row per record: an index rebuilt from the decrypted fields after every write. The
-- sealed field versions below are the truth; these columns only serve look-ups.
CREATE TABLE records (
    record_id BLOB PRIMARY KEY CHECK (length(record_id) = 16),
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    unit_code TEXT NOT NULL,
    status TEXT NOT NULL,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    newest_wall_ms INTEGER NOT NULL,
    newest_counter INTEGER NOT NULL,
    newest_device TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX records_by_unit ON records (form, unit_code);

-- The versions of each field that merge keeps (those no later change replaced). A row is
-- one FieldChange; its value is sealed with associated data binding the record id, the
-- field, the form and form version, the unit, both stamps and the device, so a value
-- cannot be moved to another record, field or version unnoticed. synced = 0 marks
-- a change written here and not yet acknowledged by the server.
CREATE TABLE field_versions (
    record_id BLOB NOT NULL REFERENCES records (record_id) DEFERRABLE INITIALLY DEFERRED,
    field TEXT NOT NULL,
    wall_ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    base_wall_ms INTEGER NOT NULL,
    base_counter INTEGER NOT NULL,
    base_device TEXT NOT NULL,
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    unit_code TEXT NOT NULL,
    sealed_value BLOB NOT NULL,
    synced INTEGER NOT NULL CHECK (synced IN (0, 1)),
    PRIMARY KEY (record_id, field, wall_ms, counter, device_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX field_versions_unsynced ON field_versions (record_id) WHERE synced = 0;

-- Received changes stamped too far ahead of this device's clock (a sender with a wrong
-- date). They wait here, sealed like field_versions, until the clock catches up.
CREATE TABLE held_changes (
    record_id BLOB NOT NULL CHECK (length(record_id) = 16),
    field TEXT NOT NULL,
    wall_ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    base_wall_ms INTEGER NOT NULL,
    base_counter INTEGER NOT NULL,
    base_device TEXT NOT NULL,
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    unit_code TEXT NOT NULL,
    sealed_value BLOB NOT NULL,
    held_since_ms INTEGER NOT NULL,
    PRIMARY KEY (record_id, field, wall_ms, counter, device_id)
) STRICT, WITHOUT ROWID;

-- Who did what and when: saves, reviews, merges, syncs, key changes. Only the sequence
-- number and the time are in clear; the entry is sealed with both bound to it.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    sealed_entry BLOB NOT NULL
) STRICT;

-- Where each sync peer left off. Opaque tokens from the server, not personal data.
CREATE TABLE sync_cursors (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Small named secrets of the device, sealed under the store key with the name bound: its
-- sync signing and box keys, a push waiting for the server's acknowledgement.
CREATE TABLE sealed_items (
    name TEXT PRIMARY KEY,
    sealed_value BLOB NOT NULL,
    changed_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
