// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/JsonExport.h"

namespace timbre::datasets {

// One label of an Audacity label track: "start\tend\tlabel" (seconds, 6 decimals).
struct AudacityLabel
{
    double start = 0;
    double end = 0;
    QString text;
};

// Audacity label-track files for the activity regions (strong labels) of each track: one
// <track base name>.txt per track with regions, a line per region and instrument, by start
// time. Audacity imports them with File > Import > Labels next to the audio.
class AudacityLabels
{
public:
    static QByteArray format(const QList<AudacityLabel> &labels);
    static bool read(const QString &path, QList<AudacityLabel> *out, QList<DatasetIssue> *issues,
                     QString *error);
    // Writes one file per track of `snapshot` with activity into `folder`.
    static bool write(const QString &folder, const LabelSnapshot &snapshot, QStringList *written,
                      QString *error);
};

} // namespace timbre::datasets
