// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/VersionErrors.h"

#include <QSet>

#include <vector>

namespace timbre::widgets {

VersionErrors VersionErrors::of(const eval::LibraryEvaluation &evaluation, int model,
                                const QString &instrument)
{
    VersionErrors out;
    if (model < 0 || model >= int(evaluation.models.size()))
        return out;
    const eval::ModelEvaluation &m = evaluation.models[size_t(model)];
    const int classes = int(m.classKeys.size());
    const int only = instrument.isEmpty() ? -1 : int(m.classKeys.indexOf(instrument));
    if (!instrument.isEmpty() && only < 0)
        return out;
    const int rows = int(evaluation.clipIds.size());
    if (m.scores.size() != size_t(rows) * size_t(classes) || m.labels.size() != m.scores.size())
        return out;
    // The thresholds the report's precision and recall were counted at (0.5).
    std::vector<double> threshold(size_t(classes), 0.5);
    for (const eval::InstrumentMetrics &i : m.report.instruments) {
        const int c = int(m.classKeys.indexOf(i.name));
        if (c >= 0)
            threshold[size_t(c)] = i.threshold;
    }
    QSet<qint64> tracks;
    for (int r = 0; r < rows; ++r) {
        bool wrong = false;
        for (int c = 0; c < classes; ++c) {
            if (only >= 0 && c != only)
                continue;
            const size_t cell = size_t(r) * size_t(classes) + size_t(c);
            const int label = m.labels[cell];
            if (label < 0)
                continue;
            const bool predicted = double(m.scores[cell]) >= threshold[size_t(c)];
            if (predicted == (label == 1))
                continue;
            (predicted ? out.falsePositives : out.falseNegatives) += 1;
            wrong = true;
        }
        if (!wrong)
            continue;
        out.clipIds << evaluation.clipIds.at(r);
        const qint64 track = evaluation.trackIds.value(r);
        if (!tracks.contains(track)) {
            tracks.insert(track);
            out.trackIds << track;
        }
    }
    return out;
}

} // namespace timbre::widgets
