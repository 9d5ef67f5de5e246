// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/JsonExport.h"

#include <QJsonObject>

namespace timbre::datasets {

// JAMS (JSON Annotated Music Specification, the MIR community's annotation format), one
// .jams file per track that has labels or predictions:
//   file_metadata  title / artist / release / duration, identifiers.path
//   annotations    namespace "tag_open", all with time/duration in seconds:
//     - "labels": the whole-track clip's present labels as observations spanning the track
//       (confidence 1); its absent labels in the annotation's sandbox ("absent": [...]);
//     - "activity": present labels of region clips, one observation per region
//       (time = start, duration = end - start);
//     - one annotation per model with predictions: an observation per instrument spanning
//       the track, confidence = the bag-level score.
// Files are named after the track's base name (plus its id when two tracks share a name).
class JamsExport
{
public:
    static QJsonObject trackDocument(const LabelSnapshot &snapshot,
                                     const library::TrackRecord &track);
    // Writes every track's file into `folder` (created); `written` gets the paths.
    static bool write(const QString &folder, const LabelSnapshot &snapshot, QStringList *written,
                      QString *error);
};

} // namespace timbre::datasets
