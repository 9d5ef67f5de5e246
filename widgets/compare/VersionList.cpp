// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/VersionList.h"

#include "widgets/compare/LabelEfficiency.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>

#include <cmath>

namespace timbre::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

VersionList::VersionList(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(ColumnCount);
    setHeaderLabels(
            {tr("Version"), tr("Kind"), tr("Trained"), tr("Labels seen"), tr("Test AUROC")});
    headerItem()->setToolTip(LabelsSeenColumn,
                             tr("Known present / absent labels in the version's training set"));
    headerItem()->setToolTip(AurocColumn,
                             tr("Overall AUROC on the test clips, stored when it was trained"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    // Names are what one picks by: never elided (the list scrolls sideways instead).
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemChanged, this, &VersionList::onItemChanged);
}

QTreeWidgetItem *VersionList::itemOf(qint64 modelId) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(NameColumn, kIdRole).toLongLong() == modelId)
            return topLevelItem(i);
    return nullptr;
}

void VersionList::setVersions(const QList<library::ModelRecord> &versions)
{
    m_updating = true;
    m_versions = versions;
    clear();
    const QLocale locale;
    QList<qint64> known;
    // Newest first: the versions one compares are mostly the latest ones.
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const library::ModelRecord &m = *it;
        known << m.id;
        auto *item = new QTreeWidgetItem(this);
        item->setData(NameColumn, kIdRole, m.id);
        item->setText(NameColumn, m.active ? tr("%1 (active)").arg(m.name) : m.name);
        item->setFlags((item->flags() | Qt::ItemIsUserCheckable) & ~Qt::ItemIsEditable);
        item->setCheckState(NameColumn, Qt::Unchecked);
        item->setToolTip(NameColumn,
                         m.note.isEmpty() ? m.name : m.name + QLatin1Char('\n') + m.note);
        item->setText(KindColumn, m.kind);
        item->setText(
                CreatedColumn,
                locale.toString(QDateTime::fromMSecsSinceEpoch(m.createdMs), QLocale::ShortFormat));
        // Numbers as the comparison's table and `timbre models` write them.
        const std::optional<qint64> labels = LabelEfficiency::labelsSeen(m.metricsJson);
        item->setText(LabelsSeenColumn, labels ? QString::number(*labels) : QStringLiteral("-"));
        const double auroc = LabelEfficiency::testAuroc(m.metricsJson);
        item->setText(AurocColumn,
                      std::isnan(auroc) ? QStringLiteral("-")
                                        : QString::number(100.0 * auroc, 'f', 2));
        for (int c = KindColumn; c < ColumnCount; ++c)
            item->setTextAlignment(c,
                                   c == KindColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                   : Qt::AlignRight | Qt::AlignVCenter);
    }
    QList<qint64> kept;
    for (qint64 id : m_checked)
        if (known.contains(id))
            kept << id;
    m_updating = false;
    setCheckedIds(kept);
}

void VersionList::setCheckedIds(const QList<qint64> &ids)
{
    m_updating = true;
    m_checked.clear();
    for (int i = 0; i < topLevelItemCount(); ++i)
        topLevelItem(i)->setCheckState(NameColumn, Qt::Unchecked);
    for (qint64 id : ids)
        if (QTreeWidgetItem *item = itemOf(id); item && !m_checked.contains(id)) {
            item->setCheckState(NameColumn, Qt::Checked);
            m_checked << id;
        }
    m_updating = false;
    Q_EMIT checkedChanged();
}

void VersionList::onItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_updating || column != NameColumn)
        return;
    const qint64 id = item->data(NameColumn, kIdRole).toLongLong();
    const bool on = item->checkState(NameColumn) == Qt::Checked;
    if (on == m_checked.contains(id))
        return;
    if (on)
        m_checked << id;
    else
        m_checked.removeAll(id);
    Q_EMIT checkedChanged();
}

} // namespace timbre::widgets
