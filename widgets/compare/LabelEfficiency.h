// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ModelStore.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace timbre::widgets {

// Label efficiency along the lineage: for each chosen version, its ancestors and itself (root
// first) as points (labels seen when trained, test AUROC then), both read from the versions'
// stored metrics ("labels_seen", "test" of metricsJson). A version without either is left out
// and named, so the user knows the line is not the whole lineage.
struct LabelEfficiency
{
    struct Point
    {
        qint64 modelId = 0;
        QString name;
        qint64 labelsSeen = 0;
        double testAuroc = 0; // 0..1
    };
    struct Line
    {
        qint64 modelId = 0; // the chosen version the line ends at
        QString name;
        QList<Point> points; // its lineage, root first, only versions with both numbers
    };

    QList<Line> lines; // one per chosen version, in the order chosen
    int lineageVersions = 0; // distinct versions on all the lines, shown or not
    QStringList withoutLabelsSeen; // names of lineage versions left out for that
    QStringList withoutAuroc; // names of lineage versions with labels seen but no test AUROC

    int leftOut() const { return int(withoutLabelsSeen.size() + withoutAuroc.size()); }

    static LabelEfficiency compute(const QList<library::ModelRecord> &versions,
                                   const QList<qint64> &chosen);
    // metricsJson "labels_seen"; nothing when the version was trained before it was stored.
    static std::optional<qint64> labelsSeen(const QString &metricsJson);
    // The overall test AUROC the version stored when it was trained (0..1); NaN when none.
    static double testAuroc(const QString &metricsJson);
};

} // namespace timbre::widgets
