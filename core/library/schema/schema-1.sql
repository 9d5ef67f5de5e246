-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 1 (docs/ARCHITECTURE.md §3.2).
-- Applied by CatalogDatabase inside one transaction together with the schema_version row.
-- Conventions: times are INTEGER milliseconds since the Unix epoch (UTC); durations and clip
-- bounds are REAL seconds; text tags are NOT NULL DEFAULT '' so sorting never meets NULL.
-- The statement splitter in CatalogDatabase splits on ';' outside quotes and comments, so this
-- file holds no triggers.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    applied_ms  INTEGER NOT NULL
);

-- Free-form facts about the library itself (library id, creation time, last model, ...).
CREATE TABLE library_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE track (
    id            INTEGER PRIMARY KEY,
    path          TEXT    NOT NULL UNIQUE,
    size          INTEGER NOT NULL DEFAULT 0,
    mtime_ms      INTEGER NOT NULL DEFAULT 0,
    content_hash  BLOB,
    duration_s    REAL    NOT NULL DEFAULT 0,
    sample_rate   INTEGER NOT NULL DEFAULT 0,
    channels      INTEGER NOT NULL DEFAULT 0,
    codec         TEXT    NOT NULL DEFAULT '',
    bitrate_kbps  INTEGER NOT NULL DEFAULT 0,
    title         TEXT    NOT NULL DEFAULT '',
    artist        TEXT    NOT NULL DEFAULT '',
    album         TEXT    NOT NULL DEFAULT '',
    genre         TEXT    NOT NULL DEFAULT '',
    year          INTEGER NOT NULL DEFAULT 0,
    track_number  INTEGER NOT NULL DEFAULT 0,
    scan_state    TEXT    NOT NULL DEFAULT 'ok' CHECK (scan_state IN ('ok', 'missing', 'error')),
    error_text    TEXT    NOT NULL DEFAULT '',
    added_ms      INTEGER NOT NULL,
    updated_ms    INTEGER NOT NULL
);
-- A moved file is recognised by its content hash (LibraryScanner), so this lookup must be fast.
CREATE INDEX track_by_hash   ON track(content_hash);
CREATE INDEX track_by_state  ON track(scan_state);
CREATE INDEX track_by_artist ON track(artist);
CREATE INDEX track_by_album  ON track(album);
CREATE INDEX track_by_genre  ON track(genre);

-- Clips are the labelled bags. end_s NULL = the whole track; at most one such clip per track.
-- `key` is an optional external name (a dataset's sample key) used by importers.
CREATE TABLE clip (
    id          INTEGER PRIMARY KEY,
    track_id    INTEGER NOT NULL REFERENCES track(id) ON DELETE CASCADE,
    start_s     REAL    NOT NULL DEFAULT 0 CHECK (start_s >= 0),
    end_s       REAL             CHECK (end_s IS NULL OR end_s > start_s),
    is_test     INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1)),
    key         TEXT UNIQUE,
    created_ms  INTEGER NOT NULL
);
CREATE INDEX clip_by_track ON clip(track_id);
CREATE UNIQUE INDEX clip_whole_track ON clip(track_id) WHERE end_s IS NULL;
CREATE INDEX clip_by_test ON clip(is_test);

-- Instrument keys never change once created (labels, predictions and models refer to them);
-- display name, colour and position are the user's to edit.
CREATE TABLE instrument (
    id            INTEGER PRIMARY KEY,
    key           TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    display_name  TEXT    NOT NULL,
    colour        TEXT    NOT NULL,
    position      INTEGER NOT NULL
);
CREATE INDEX instrument_by_position ON instrument(position);

-- One row per undoable (or audited) step. kind 'edit' changes labels; 'undo' / 'redo' record
-- the reversal of target_batch. Only edits with undoable = 1 take part in undo/redo; their state
-- moves done -> undone -> done, and a new undoable edit turns every 'undone' into 'discarded'
-- (a new edit clears redo), which is what lets a fresh process continue the same undo stack.
CREATE TABLE label_batch (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
    target_batch  INTEGER REFERENCES label_batch(id) ON DELETE CASCADE,
    source        TEXT    NOT NULL CHECK (source IN ('user', 'import', 'accepted_prediction')),
    author        TEXT    NOT NULL DEFAULT '',
    time_ms       INTEGER NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    undoable      INTEGER NOT NULL DEFAULT 0 CHECK (undoable IN (0, 1)),
    state         TEXT    NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded'))
);
CREATE INDEX label_batch_by_stack ON label_batch(undoable, state, id);

-- Current labels. No row = unknown.
CREATE TABLE label (
    clip_id        INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
    instrument_id  INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
    value          INTEGER NOT NULL CHECK (value IN (0, 1)),
    source         TEXT    NOT NULL CHECK (source IN ('user', 'import', 'accepted_prediction')),
    author         TEXT    NOT NULL DEFAULT '',
    time_ms        INTEGER NOT NULL,
    PRIMARY KEY (clip_id, instrument_id)
) WITHOUT ROWID;
CREATE INDEX label_by_instrument ON label(instrument_id, value);

-- Every change of `label`. old_* keep the replaced row whole so an undo restores it exactly;
-- NULL value = unknown (no row). undone = 1 while the change is reverted by an undo.
CREATE TABLE label_history (
    id             INTEGER PRIMARY KEY,
    batch_id       INTEGER NOT NULL REFERENCES label_batch(id) ON DELETE CASCADE,
    clip_id        INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
    instrument_id  INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
    old_value      INTEGER CHECK (old_value IS NULL OR old_value IN (0, 1)),
    old_source     TEXT,
    old_author     TEXT,
    old_time_ms    INTEGER,
    new_value      INTEGER CHECK (new_value IS NULL OR new_value IN (0, 1)),
    source         TEXT    NOT NULL CHECK (source IN ('user', 'import', 'accepted_prediction')),
    author         TEXT    NOT NULL DEFAULT '',
    time_ms        INTEGER NOT NULL,
    undone         INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX label_history_by_batch ON label_history(batch_id);
CREATE INDEX label_history_by_label ON label_history(clip_id, instrument_id);

-- Cached instance features of a track (files under <library>/features/, path relative to it).
CREATE TABLE feature_set (
    id                 INTEGER PRIMARY KEY,
    track_id           INTEGER NOT NULL REFERENCES track(id) ON DELETE CASCADE,
    extractor_id       TEXT    NOT NULL,
    extractor_version  INTEGER NOT NULL,
    instance_hop_s     REAL    NOT NULL,
    instance_count     INTEGER NOT NULL,
    dimension          INTEGER NOT NULL DEFAULT 0,
    file               TEXT    NOT NULL,
    checksum           TEXT    NOT NULL DEFAULT '',
    content_hash       BLOB,
    created_ms         INTEGER NOT NULL,
    UNIQUE (track_id, extractor_id, extractor_version)
);
CREATE INDEX feature_set_by_extractor ON feature_set(extractor_id, extractor_version);

-- Trained models (checkpoint files under <library>/models/, path relative to it).
-- label_snapshot = the highest label_batch id the training saw.
CREATE TABLE model (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL,
    parent_id          INTEGER REFERENCES model(id) ON DELETE SET NULL,
    extractor_id       TEXT    NOT NULL DEFAULT '',
    extractor_version  INTEGER NOT NULL DEFAULT 0,
    hyper_parameters   TEXT    NOT NULL DEFAULT '{}',
    label_snapshot     INTEGER NOT NULL DEFAULT 0,
    created_ms         INTEGER NOT NULL,
    metrics            TEXT    NOT NULL DEFAULT '{}',
    checkpoint_file    TEXT    NOT NULL DEFAULT '',
    note               TEXT    NOT NULL DEFAULT ''
);

-- Bag-level scores, for filtering and sorting the library browser.
CREATE TABLE prediction (
    model_id       INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    clip_id        INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
    instrument_id  INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
    score          REAL    NOT NULL,
    PRIMARY KEY (model_id, clip_id, instrument_id)
) WITHOUT ROWID;
CREATE INDEX prediction_by_score ON prediction(model_id, instrument_id, score);
CREATE INDEX prediction_by_clip  ON prediction(clip_id);
