-- 003: the scoring inputs of each household, beside its sealed record.
--
-- Rescoring a ward used to open (decrypt and inflate) every household record of the ward on
-- each push, which made ingest and rescoring far slower than the data they read. Scoring
-- needs only a few fields of a household: its code, residential group, visit outcome and
-- time, and the fields the criteria's share rules count (devices, broadband, adults). None of
-- them is personal (the household form marks names, addresses and phones `personal`, and
-- syncd refuses to project a field so marked), so they are kept here in clear, like the
-- results computed from them. Everything else stays sealed in records.sealed_state.
--
-- This migration only makes the tables: filling them needs the server data key, so syncd
-- fills them from the sealed records the first time it merges or rescores with a layout
-- that differs from the one in score_input_layout (none after this migration).

-- One row per household record that scoring reads: of the criteria's household form, not
-- deleted. The key orders rows as rescoring reads them, ward by ward, records by id. inputs
-- is the compact encoding of syncd/server/score_inputs.cpp: for each set field, its index in
-- score_input_layout.fields, a type tag and the value.
CREATE TABLE score_inputs (
    unit_code TEXT NOT NULL,
    record_id BLOB NOT NULL CHECK (length(record_id) = 16),
    inputs BLOB NOT NULL,
    PRIMARY KEY (unit_code, record_id)
) STRICT, WITHOUT ROWID;

-- The layout score_inputs was filled with, one row: the household form and the projected
-- fields, comma-separated in index order. A criteria definition that counts other fields
-- changes the layout, and syncd then fills score_inputs again.
CREATE TABLE score_input_layout (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    form TEXT NOT NULL,
    fields TEXT NOT NULL
) STRICT;
