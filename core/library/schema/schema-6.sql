-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 6: predict runs of one shard of a library (a Slurm array task, a
-- Kubernetes Indexed Job pod; docs/CLUSTER.md). A shard resumes only its own unfinished run;
-- the run that counts for the browser is a whole-library one ('' here), which the last shard to
-- finish records once nothing is left unscored. Same conventions as schema-1.sql.

-- "i/n" for shard i of n, '' for the whole library.
ALTER TABLE prediction_run ADD COLUMN shard TEXT NOT NULL DEFAULT '';
