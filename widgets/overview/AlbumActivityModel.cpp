// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/AlbumActivityModel.h"

#include "core/overview/InstrumentationStats.h"
#include "widgets/overview/HeatColour.h"

#include <QColor>
#include <QLocale>

#include <cmath>

namespace timbre::widgets {

namespace {

QString labelMark(library::LabelState state)
{
    switch (state) {
    case library::LabelState::Present:
        return QStringLiteral("✓");
    case library::LabelState::Absent:
        return QStringLiteral("✗");
    case library::LabelState::Unknown:
        break;
    }
    return QString();
}

} // namespace

void AlbumActivityModel::setActivity(overview::AlbumActivity activity,
                                     const std::vector<double> &thresholds)
{
    beginResetModel();
    m_activity = std::move(activity);
    m_instruments.clear();
    QList<int> scored;
    for (int k = 0; k < m_activity.instrumentCount(); ++k) {
        bool heard = false;
        bool anyScore = false;
        const double threshold = k < int(thresholds.size()) ? thresholds[size_t(k)]
                                                            : overview::kDefaultThreshold;
        for (int t = 0; t < m_activity.trackCount(); ++t) {
            const float s = m_activity.score(t, k);
            anyScore = anyScore || !std::isnan(s);
            heard = heard || m_activity.label(t, k) != library::LabelState::Unknown
                    || (!std::isnan(s) && double(s) >= threshold);
        }
        if (heard)
            m_instruments << k;
        if (anyScore)
            scored << k;
    }
    if (m_instruments.isEmpty())
        m_instruments = scored;
    endResetModel();
}

int AlbumActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_activity.trackCount();
}

int AlbumActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_instruments.size());
}

QVariant AlbumActivityModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int t = index.row();
    const int k = instrumentAt(index.column());
    const float score = m_activity.score(t, k);
    const library::LabelState label = m_activity.label(t, k);
    const double shade = std::isnan(score) ? 0.0 : double(score);
    switch (role) {
    case Qt::DisplayRole: {
        const QString value = std::isnan(score) ? QString() : QLocale().toString(score, 'f', 2);
        const QString mark = labelMark(label);
        return mark.isEmpty() ? value : value.isEmpty() ? mark : value + QLatin1Char(' ') + mark;
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole:
        return heatColour(shade);
    case Qt::ForegroundRole:
        return heatTextColour(shade);
    case Qt::ToolTipRole: {
        const QString title = m_activity.titles.value(t);
        const QString name = m_activity.names.value(k);
        const QString scoreText = std::isnan(score) ? tr("no score")
                                                    : tr("score %1").arg(QLocale().toString(score, 'f', 2));
        const QString labelText = label == library::LabelState::Present ? tr("labelled present")
                : label == library::LabelState::Absent                 ? tr("labelled absent")
                                                                        : tr("not labelled");
        return tr("%1 — %2: %3, %4. Click to list the track.").arg(title, name, scoreText, labelText);
    }
    default:
        return {};
    }
}

QVariant AlbumActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_activity.names.value(instrumentAt(section));
    const int number = m_activity.trackNumbers.value(section);
    const QString title = m_activity.titles.value(section);
    if (role == Qt::ToolTipRole)
        return m_activity.paths.value(section);
    return number > 0 ? QStringLiteral("%1. %2").arg(number).arg(title) : title;
}

} // namespace timbre::widgets
