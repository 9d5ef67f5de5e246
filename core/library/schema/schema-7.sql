-- SPDX-License-Identifier: GPL-3.0-or-later
-- Catalog schema version 7: several annotators (docs/ARCHITECTURE.md §3.3). `label` stays the
-- adjudicated label (the newest edit, whoever made it); `annotator_label` keeps each
-- annotator's own judgement beside it, so that their agreement can be measured. An annotator's
-- row is the value of their newest edit of that label that is not undone (undo and redo keep it
-- in step); no row = they have not judged it or set it back to unknown. Same conventions as
-- schema-1.sql.
CREATE TABLE annotator_label (
    clip_id        INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
    instrument_id  INTEGER NOT NULL REFERENCES instrument(id) ON DELETE CASCADE,
    annotator      TEXT    NOT NULL CHECK (annotator <> ''),
    value          INTEGER NOT NULL CHECK (value IN (0, 1)),
    time_ms        INTEGER NOT NULL,
    PRIMARY KEY (clip_id, instrument_id, annotator)
) WITHOUT ROWID;
CREATE INDEX annotator_label_by_instrument ON annotator_label(instrument_id, annotator);

-- Rows for the user edits made before this version, by the same rule.
INSERT INTO annotator_label (clip_id, instrument_id, annotator, value, time_ms)
SELECT h.clip_id, h.instrument_id, h.author, h.new_value, h.time_ms
FROM label_history h
JOIN (SELECT max(h2.id) AS id FROM label_history h2
      JOIN label_batch b ON b.id = h2.batch_id AND b.kind = 'edit'
      WHERE h2.undone = 0 AND h2.author <> '' AND h2.source IN ('user', 'accepted_prediction')
      GROUP BY h2.clip_id, h2.instrument_id, h2.author) newest ON newest.id = h.id
WHERE h.new_value IS NOT NULL;
