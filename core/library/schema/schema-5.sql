-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 5: which predict run wrote each score, so that a predict job resumed
-- after a cancel or a kill scores only the clips its run had not committed yet
-- (docs/ARCHITECTURE.md §4.2). Same conventions as schema-1.sql.

-- 0 = written before schema 5 (or by a writer that names no run): never counted as done by a
-- resumed run.
ALTER TABLE prediction ADD COLUMN run_id INTEGER NOT NULL DEFAULT 0;
