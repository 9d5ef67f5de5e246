// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>

namespace timbre::datasets {

// Which columns of a labels CSV hold the clip, the instrument and the value, found by header
// name the way people write them: case, spaces, underscores and hyphens do not matter
// ("File Name" = "file_name" = "filename").
//
//   clip        clip, clip_key, sample_key, key, file, filename, filepath, path, track,
//               track_path, audio, audio_file
//   instrument  instrument, instrument_key, instrument_name, label_name, class, class_name
//   value       value, state, label, present, presence, relevance
//   observed    observed (optional: 0 makes the row unknown)
//
// When several names of one role are there the first in the order above wins. "relevance" is
// OpenMIC-2018's aggregated form: a number in [0, 1], above 0.5 present, below absent.
struct LabelsCsvColumns
{
    enum class ValueKind {
        State, // present/absent/unknown, 1/0/empty (also true/false, yes/no, +/-)
        Present, // the corpus generator's labels.csv: a mask.csv beside it applies
        Relevance, // also a number in [0, 1]
    };

    int clip = -1;
    int instrument = -1;
    int value = -1;
    int observed = -1;
    ValueKind valueKind = ValueKind::State;

    static LabelsCsvColumns find(const QStringList &header);
    bool complete() const { return clip >= 0 && instrument >= 0 && value >= 0; }
    // The roles without a column and the names accepted for them, for an error message.
    QString missingText() const;
    // Lower case, letters and digits only.
    static QString normalized(const QString &name);
};

} // namespace timbre::datasets
