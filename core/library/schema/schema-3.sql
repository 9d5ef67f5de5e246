-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 3: held-out scores for the "likely label errors" review queue
-- (docs/METHOD.md §11; docs/REVIEW_QUEUES.md). Same conventions as schema-1.sql.

-- Cross-fitted scores of a model version: each trainable labelled clip scored by a model of the
-- version's kind and hyper-parameters that was trained WITHOUT that clip (K folds). fold is the
-- 0-based fold the clip was held out in. Rows of one model are replaced together, in one
-- transaction, when a cross-fit run finishes, so a cancelled run leaves the previous ones.
CREATE TABLE heldout_prediction (
    model_id       INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    clip_id        INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
    instrument_id  INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
    score          REAL    NOT NULL,
    fold           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_id, clip_id, instrument_id)
) WITHOUT ROWID;
CREATE INDEX heldout_prediction_by_clip ON heldout_prediction(clip_id);

-- The finished cross-fit of a model: how many folds, which labels it saw (label_batch id) and
-- how it trained (JSON: epochs, seed, what it started from). One row per model, replaced.
CREATE TABLE heldout_run (
    model_id        INTEGER PRIMARY KEY REFERENCES model(id) ON DELETE CASCADE,
    folds           INTEGER NOT NULL,
    label_snapshot  INTEGER NOT NULL DEFAULT 0,
    clips           INTEGER NOT NULL DEFAULT 0,
    finished_ms     INTEGER NOT NULL,
    details         TEXT    NOT NULL DEFAULT '{}'
);
