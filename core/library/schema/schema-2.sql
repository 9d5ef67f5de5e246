-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 2: active model, predict runs, jobs (docs/ARCHITECTURE.md §3.2).
-- Same conventions as schema-1.sql.

-- The model the browser, review queues and predictions follow. At most one row has active = 1.
ALTER TABLE model ADD COLUMN active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1));
CREATE UNIQUE INDEX model_single_active ON model(active) WHERE active = 1;

-- One row per predict run of a model: the browser shows a model's scores as complete only
-- when its latest run finished, and as stale when the model is no longer the active one.
CREATE TABLE prediction_run (
    id            INTEGER PRIMARY KEY,
    model_id      INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    started_ms    INTEGER NOT NULL,
    finished_ms   INTEGER,
    clips         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prediction_run_by_model ON prediction_run(model_id, id);

-- Background jobs (core/jobs): persisted so that a restarted process can list what was
-- interrupted and continue it. parameters / result are JSON. owner = "<pid>@<host>" of the
-- process running it: a queued or running job whose owner is gone was interrupted.
CREATE TABLE job (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL DEFAULT '',
    parameters   TEXT    NOT NULL DEFAULT '{}',
    priority     INTEGER NOT NULL DEFAULT 0,
    state        TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'finished',
                                                   'failed', 'cancelled', 'interrupted')),
    done         INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    error_text   TEXT    NOT NULL DEFAULT '',
    result       TEXT    NOT NULL DEFAULT '{}',
    owner        TEXT    NOT NULL DEFAULT '',
    created_ms   INTEGER NOT NULL,
    started_ms   INTEGER,
    finished_ms  INTEGER
);
CREATE INDEX job_by_state ON job(state, priority, id);

-- Per-item failures of a job (a file that would not decode, ...), kept with the job.
CREATE TABLE job_failure (
    id       INTEGER PRIMARY KEY,
    job_id   INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    item     TEXT    NOT NULL,
    message  TEXT    NOT NULL,
    time_ms  INTEGER NOT NULL
);
CREATE INDEX job_failure_by_job ON job_failure(job_id);
