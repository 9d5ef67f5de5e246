-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 4: the training history of a model version (the training panel reopens
-- the curves of a finished version). Same conventions as schema-1.sql.

-- One row per finished epoch of the run that trained the model: the record the train job
-- reported for it (JSON: losses, learning rate, consistency weight, validation loss, held-out
-- metrics overall and per instrument; core/jobs/TrainJob.h), NaN stored as null. Written with
-- the model row, removed with it. Versions trained before schema 4 have none.
CREATE TABLE model_epoch (
    model_id  INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    epoch     INTEGER NOT NULL,
    record    TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (model_id, epoch)
) WITHOUT ROWID;
