// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ModelLineage.h"

#include <QAbstractItemModel>

namespace timbre::widgets {

// The lineage view's tree: one row per model version under its parent (library::ModelLineage),
// the active one bold with a marker. Name and Note are editable; an edit is not written here
// but asked for (renameRequested / noteRequested), because the catalog write runs off the GUI
// thread and the tree only changes when the catalog has (setLineage after the reload).
class ModelLineageModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        ExtractorColumn,
        CreatedColumn,
        LabelsSeenColumn,
        ChangedSinceColumn,
        TestAurocColumn,
        TestF1Column,
        NoteColumn,
        ColumnCount
    };
    enum Role {
        ModelIdRole = Qt::UserRole + 1, // qint64
        ActiveRole, // bool
        ParentIdRole, // qint64, 0 for a root
    };

    explicit ModelLineageModel(QObject *parent = nullptr);

    void setLineage(library::ModelLineage lineage);
    const library::ModelLineage &lineage() const { return m_lineage; }
    // Invalid when no version has that id.
    QModelIndex indexOfModel(qint64 modelId, int column = NameColumn) const;
    qint64 modelIdAt(const QModelIndex &index) const;
    const library::LineageVersion *versionAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void renameRequested(qint64 modelId, const QString &name);
    void noteRequested(qint64 modelId, const QString &note);

private:
    QString displayText(const library::LineageVersion &v, int column) const;
    QString toolTip(const library::LineageVersion &v, int column) const;

    library::ModelLineage m_lineage;
    QList<int> m_rowOf; // by version index: its row under its parent (or among the roots)
};

} // namespace timbre::widgets
