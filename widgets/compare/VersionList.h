// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ModelStore.h"

#include <QList>
#include <QTreeWidget>

namespace timbre::widgets {

// The library's versions as a checkable list (name, kind, date, labels seen, test AUROC),
// newest first. The checked versions are kept in the order they were checked: the first two
// are the pair compared clip by clip.
class VersionList : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        CreatedColumn,
        LabelsSeenColumn,
        AurocColumn,
        ColumnCount
    };

    explicit VersionList(QWidget *parent = nullptr);

    // Replaces the versions, keeping the checks of those still there.
    void setVersions(const QList<library::ModelRecord> &versions);
    const QList<library::ModelRecord> &versions() const { return m_versions; }
    // Checked versions, in the order checked.
    QList<qint64> checkedIds() const { return m_checked; }
    // Checks exactly these (unknown ids are ignored), in this order.
    void setCheckedIds(const QList<qint64> &ids);
    QTreeWidgetItem *itemOf(qint64 modelId) const;

Q_SIGNALS:
    void checkedChanged();

private:
    void onItemChanged(QTreeWidgetItem *item, int column);

    QList<library::ModelRecord> m_versions;
    QList<qint64> m_checked;
    bool m_updating = false;
};

} // namespace timbre::widgets
